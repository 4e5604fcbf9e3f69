package dev.llmos.actions.exec.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class ShellParserTest {

    private static List<List<String>> argvs(Script s) {
        return s.commands().stream().map(Script.Command::argv).toList();
    }

    @Test
    void splitsPipesListsAndSequencesIntoCommands() {
        Script s = ShellParser.parse("ps aux | sort -k3 -nr && echo done; true || false & id", "/", "/root");
        assertEquals(List.of(List.of("ps", "aux"), List.of("sort", "-k3", "-nr"), List.of("echo", "done"), List.of("true"),
                List.of("false"), List.of("id")), argvs(s));
        assertEquals(null, s.unknown());
    }

    @Test
    void removesQuotesAndDecodesAnsiCQuoting() {
        Script s = ShellParser.parse("echo 'a b' \"c $HOME d\" e\\ f $'\\x72\\x6d'", "/", "/home/alice");
        assertEquals(List.of(List.of("echo", "a b", "c /home/alice d", "e f", "rm")), argvs(s));
    }

    @Test
    void readsRedirectionsWithTheirTargets() {
        Script s = ShellParser.parse("cat < /etc/hosts > /tmp/out 2>&1; echo x >> /tmp/log; : &> /tmp/all", "/", "/root");
        assertEquals(List.of(new Script.Redirect("<", Script.Word.plain("/etc/hosts")), new Script.Redirect(">", Script.Word.plain("/tmp/out"))),
                s.commands().get(0).redirects());
        assertEquals(List.of(new Script.Redirect(">>", Script.Word.plain("/tmp/log"))), s.commands().get(1).redirects());
        assertEquals(List.of(new Script.Redirect("&>", Script.Word.plain("/tmp/all"))), s.commands().get(2).redirects());
    }

    @Test
    void keepsARedirectionWithoutACommandAsTheNullCommand() {
        assertEquals(List.of(List.of(":")), argvs(ShellParser.parse("> /etc/motd", "/", "/root")));
    }

    @Test
    void readsCommandSubstitutionsAsScriptsOfTheirOwn() {
        Script s = ShellParser.parse("echo $(cat /etc/shadow) `id`", "/", "/root");
        assertEquals(List.of(List.of("cat", "/etc/shadow")), argvs(s.commands().get(0).substitutions().get(0)));
        assertEquals(List.of(List.of("id")), argvs(s.commands().get(0).substitutions().get(1)));
        assertEquals(true, s.commands().get(0).words().get(1).dynamic());
    }

    @Test
    void followsCdForLaterCommandsAndRestoresItAfterASubshell() {
        Script s = ShellParser.parse("cd /etc && cat shadow; (cd /tmp; ls); pwd", "/", "/root");
        assertEquals(List.of("/etc", "/etc", "/tmp", "/tmp", "/etc"), s.commands().stream().map(Script.Command::cwd).toList());
    }

    @Test
    void marksGlobsWithTheirLiteralPrefix() {
        Script.Word w = ShellParser.parse("rm -rf /etc/*", "/", "/root").commands().get(0).words().get(2);
        assertEquals(List.of(true, "/etc/"), List.of(w.glob(), w.literalPrefix()));
    }

    @Test
    void expandsTildeUserAsThePasswdFileSaysAndLeavesAnUnknownUserToRunTime() {
        Script s = ShellParser.parse("echo x > ~root/.bashrc; echo y > ~no-such-user-10c/.bashrc", "/", "/home/alice");
        Script.Word known = s.commands().get(0).redirects().get(0).target();
        Script.Word unknown = s.commands().get(1).redirects().get(0).target();
        assertEquals(List.of("/root/.bashrc", false, "~no-such-user-10c/.bashrc", true, ""),
                List.of(known.text(), known.dynamic(), unknown.text(), unknown.dynamic(), unknown.literalPrefix()));
    }

    @Test
    void knowsAVariableSetFromMktempNamesANewFileInTheScratchDirectoryUntilItIsSetAgain() {
        Script s = ShellParser.parse("f=$(mktemp); echo a > \"$f\"; read f < /tmp/n; echo b > $f", "/", "/root", "/tmp");
        Script.Word first = s.commands().get(0).redirects().get(0).target();
        Script.Word second = s.commands().get(2).redirects().get(0).target();
        assertEquals(List.of("/tmp/", true, "", true), List.of(first.literalPrefix(), first.dynamic(), second.literalPrefix(), second.dynamic()));
    }

    @Test
    void givesAHereDocumentItsBody() {
        Script s = ShellParser.parse("sh <<EOF\nwipefs -a /dev/sda\nEOF\necho after", "/", "/root");
        assertEquals(List.of(List.of("sh"), List.of("echo", "after")), argvs(s));
        assertEquals("wipefs -a /dev/sda\n", s.commands().get(0).redirects().get(0).target().text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"if true; then rm -rf /; fi", "for f in *; do rm $f; done", "eval \"$X\"", ". /tmp/env",
            "$CMD -rf /", "PATH=/tmp ls", "export LD_PRELOAD=/tmp/x.so", "f() { id; }", "echo 'unterminated",
            "case $x in a) id;; esac", "source ~/.bashrc"})
    void treatsWhatItCannotReadAsUnknown(String script) {
        assertNotNull(ShellParser.parse(script, "/", "/root").unknown(), script);
    }
}
