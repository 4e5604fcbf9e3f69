package dev.llmos.cli.app;

/**
 * colour for people at a terminal: ALLOW green, CONFIRM yellow, DENY red. none when stdout is not
 * a terminal, when {@code NO_COLOR} is set (no-color.org) or {@code TERM=dumb}, and never in json.
 */
public record Colour(boolean on) {

    public static final Colour OFF = new Colour(false);

    /** colour when this process writes to its own terminal and the person did not turn it off. */
    public static Colour forStdout(Io io, Env env) {
        boolean off = env.var("NO_COLOR").filter(v -> !v.isEmpty()).isPresent()
                || env.var("TERM").filter("dumb"::equals).isPresent();
        return new Colour(!off && io.in() == System.in && Io.isTerminal(1));
    }

    /** {@code text} in the colour of a verdict (allow, confirm, deny; any case). */
    public String verdict(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "allow" -> paint("32", text);
            case "confirm" -> paint("33", text);
            case "deny" -> paint("31", text);
            default -> text;
        };
    }

    private String paint(String code, String text) {
        return on ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
