package dev.llmos.llm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AnswersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain json is kept         | '{"a":1}'                                      | '{"a":1}'
            markdown fence is removed  | '```json\n{"a":1}\n```'                        | '{"a":1}'
            bare fence is removed      | '```\n{"a":1}\n```\n'                          | '{"a":1}'
            reasoning block is removed | '<think>the user wants df</think>\n{"a":1}'    | '{"a":1}'
            prose around json is kept  | 'here: {"a":1}'                                | 'here: {"a":1}'
            """)
    void removesOnlyTheWrapping(String name, String answer, String expected) {
        assertEquals(expected, Answers.clean(answer.replace("\\n", "\n")));
    }
}
