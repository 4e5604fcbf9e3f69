import picocli.CommandLine;
import picocli.CommandLine.Command;

/** the baseline of scripts/bench-commands: the least a picocli command line costs on this jdk. */
@Command(name = "hello", mixinStandardHelpOptions = true, version = "hello 1")
public final class Hello implements Runnable {
    public void run() {
        System.out.println("hello");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Hello()).execute(args));
    }
}
