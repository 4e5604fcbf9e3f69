# sourced by bin/llmsh and bin/llm-osd (not run on its own): finds java and the class path for
# ROOT, then runs MAIN with JVM_FLAGS. the one place that knows the two layouts:
# - the debian package (ROOT is /usr/lib/llm-os): ROOT/runtime is the jlink'd java it ships,
#   ROOT/lib the jars; no jdk is looked for, so none needs to be installed.
# - a source tree: the jars are the build's, in cli/target. the jdk is found once by
#   scripts/jdk.sh and remembered in cli/target/jdk, so a command starts one jvm, not one per
#   candidate jdk (docs/decisions/0019-fast-start.md).
# both layouts use an aot cache (jdk 25+, JEP 483/514) when one was trained for this launcher:
# ROOT/lib/NAME.aot in the package, cli/target/NAME.aot in a tree (scripts/aot makes them). a cache
# that does not match this jvm or class path is ignored, silently: the command only starts slower.

if [ -x "$ROOT/runtime/bin/java" ]; then
  JAVA="$ROOT/runtime/bin/java"
  CP="$ROOT/lib/*"
  AOT_DIR="$ROOT/lib"
  JAVA_MAJOR=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$ROOT/runtime/release" 2>/dev/null | head -n 1)
  # the bundled runtime leaves out awt's x11 and sound libraries: nothing in llm-os draws
  JVM_FLAGS+=(-Djava.awt.headless=true)
else
  JAR="$ROOT/cli/target/llmos-cli.jar"
  LIB="$ROOT/cli/target/lib"
  if [ ! -f "$JAR" ] || [ ! -d "$LIB" ]; then
    echo "$NAME: not built yet ($JAR or $LIB is missing). build it with:" >&2
    echo "  cd $ROOT && . scripts/jdk.sh && mvn -q -B -DskipTests package" >&2
    exit 2
  fi
  CP="$JAR:$LIB/*"
  AOT_DIR="$ROOT/cli/target"
  # the remembered jdk holds while what picks one (LLMOS_JAVA_HOME, JAVA_HOME, java on PATH) is
  # unchanged and it is still there; otherwise look again and remember the answer
  jdk_key="${LLMOS_JAVA_HOME:-}|${JAVA_HOME:-}|$(command -v java || true)"
  jdk_file="$ROOT/cli/target/jdk"
  JAVA_HOME_FOUND="" JAVA_MAJOR=""
  if [ -f "$jdk_file" ]; then
    { IFS= read -r cached_key; IFS= read -r cached_home; IFS= read -r cached_major; } < "$jdk_file" || true
    if [ "${cached_key:-}" = "$jdk_key" ] && [ -x "${cached_home:-/nonexistent}/bin/java" ]; then
      JAVA_HOME_FOUND="$cached_home" JAVA_MAJOR="${cached_major:-}"
    fi
  fi
  if [ -z "$JAVA_HOME_FOUND" ]; then
    . "$ROOT/scripts/jdk.sh"
    JAVA_HOME_FOUND="$JAVA_HOME" JAVA_MAJOR=$(llmos_java_major "$JAVA")
    # a read-only tree just looks again next time
    printf '%s\n%s\n%s\n' "$jdk_key" "$JAVA_HOME_FOUND" "$JAVA_MAJOR" > "$jdk_file.$$" 2>/dev/null \
      && mv -f "$jdk_file.$$" "$jdk_file" 2>/dev/null || rm -f "$jdk_file.$$" 2>/dev/null || true
  fi
  export JAVA_HOME="$JAVA_HOME_FOUND"
  JAVA="$JAVA_HOME/bin/java"
fi

# LLMOS_AOT=off runs without the cache (scripts/bench-commands compares the two)
if [ "${JAVA_MAJOR:-0}" -ge 25 ] 2>/dev/null && [ "${LLMOS_AOT:-}" != off ]; then
  if [ -n "${LLMOS_AOT_TRAIN:-}" ]; then
    # scripts/aot: this run is the training run; the jvm writes the cache when it exits
    JVM_FLAGS+=("-XX:AOTCacheOutput=$LLMOS_AOT_TRAIN")
  elif [ -f "$AOT_DIR/$NAME.aot" ]; then
    JVM_FLAGS+=("-XX:AOTCache=$AOT_DIR/$NAME.aot" -Xlog:aot=off -Xlog:cds=off)
  fi
fi

exec "$JAVA" --enable-native-access=ALL-UNNAMED "${JVM_FLAGS[@]}" -Dllmos.home="$ROOT" -cp "$CP" "$MAIN" "$@"
