package dev.llmos.cli.app;

/** everything a command gets from outside: its streams, its surroundings, its policy compiler. */
public record Context(Io io, Env env, Policies policies) {
}
