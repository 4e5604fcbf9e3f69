package dev.llmos.bench;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * names the benchmark method in the same class this one is read against: {@link Ratios} prints
 * score / baseline score, since single numbers on a shared machine mean little.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RatioTo {

    String value();
}
