package dev.llmos.cli;

import dev.llmos.llm.FakeOpenAi;

/**
 * a model server for llmsh to launch on demand: the fake openai server on the port given, answering
 * every request with the same planonly answer, until it is stopped.
 */
public final class ModelServerMain {

    private ModelServerMain() {
    }

    public static void main(String[] args) throws Exception {
        FakeOpenAi server = FakeOpenAi.start(Integer.parseInt(args[0]));
        for (int i = 0; i < 100; i++) {
            server.answer(ModelAnswers.answer(args[1]));
        }
        Thread.currentThread().join();
    }
}
