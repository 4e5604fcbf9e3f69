# sourced by bin/llmsh and bin/llm-osd (not run on its own): finds java and the class path for
# ROOT, then runs MAIN with JVM_FLAGS. the one place that knows the two layouts:
# - the debian package (ROOT is /usr/lib/llm-os): ROOT/runtime is the jlink'd java it ships,
#   ROOT/lib the jars; no jdk is looked for, so none needs to be installed.
# - a source tree: scripts/jdk.sh finds a jdk >= 21; the jars are the build's, in cli/target.

if [ -x "$ROOT/runtime/bin/java" ]; then
  JAVA="$ROOT/runtime/bin/java"
  CP="$ROOT/lib/*"
  # the bundled runtime leaves out awt's x11 and sound libraries: nothing in llm-os draws
  JVM_FLAGS+=(-Djava.awt.headless=true)
else
  . "$ROOT/scripts/jdk.sh"
  JAR="$ROOT/cli/target/llmos-cli.jar"
  LIB="$ROOT/cli/target/lib"
  if [ ! -f "$JAR" ] || [ ! -d "$LIB" ]; then
    echo "$NAME: not built yet ($JAR or $LIB is missing). build it with:" >&2
    echo "  cd $ROOT && . scripts/jdk.sh && mvn -q -B -DskipTests package" >&2
    exit 2
  fi
  CP="$JAR:$LIB/*"
fi

exec "$JAVA" --enable-native-access=ALL-UNNAMED "${JVM_FLAGS[@]}" -Dllmos.home="$ROOT" -cp "$CP" "$MAIN" "$@"
