package dev.llmos.cli.ask;

import java.io.BufferedReader;
import java.util.List;

/** where the shell's lines come from: a line editor at a terminal, or plain stdin when piped. */
interface LineSource extends AutoCloseable {

    /** the next line, or null at the end of input (ctrl-d). */
    String readLine(String prompt);

    /** the reader confirmation questions are answered on, shared so neither reads ahead of the other. */
    BufferedReader answers();

    /** the newest {@code n} prompts, oldest first. */
    List<String> history(int n);

    /** keeps a prompt in the history, where the source does not do so itself. */
    void remember(String line);

    /** while the returned handle is open, ctrl-c runs {@code cancel} instead of ending the shell. */
    AutoCloseable onInterrupt(Runnable cancel);

    @Override
    void close();
}
