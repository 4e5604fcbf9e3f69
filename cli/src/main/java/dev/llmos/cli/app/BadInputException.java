package dev.llmos.cli.app;

/** input the command cannot use (a plan file that cannot be read, a broken config): exit 2. */
public final class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
