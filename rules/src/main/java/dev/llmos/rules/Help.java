package dev.llmos.rules;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * one line for the generated policy reference ({@code llmsh policy facts}), kept on the method it
 * describes so the two change together.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Help {

    String value();
}
