package dev.llmos.cli.policytest;

import java.nio.file.Path;
import java.util.List;

/**
 * one suite file and its cases, in file order.
 *
 * @param display the file as output names it
 */
public record Suite(Path path, String display, String description, List<TestCase> cases) {

    public Suite {
        cases = List.copyOf(cases);
    }
}
