# sourced by bin/llmsh and bin/llm-osd (not run on its own): finds java and the class path for
# ROOT, then runs MAIN with JVM_FLAGS. the one place that knows the two layouts:
# - the debian package (ROOT is /usr/lib/llm-os): ROOT/runtime is the jlink'd java it ships,
#   ROOT/lib the jars; no jdk is looked for, so none needs to be installed.
# - a source tree: the jars are the build's, in cli/target. the jdk is found once by
#   scripts/jdk.sh and remembered in cli/target/jdk, so a command starts one jvm, not one per
#   candidate jdk (docs/decisions/0019-fast-start.md).
# both layouts use an aot cache (jdk 25+, JEP 483/514) when one was trained for this launcher:
# ROOT/lib/NAME.aot in the package, cli/target/NAME.aot in a tree (scripts/aot makes them; llmsh has a
# second, llmsh-client.aot, for its thin client path). a cache
# that does not match this jvm or class path is ignored, silently: the command only starts slower.

if [ -x "$ROOT/runtime/bin/java" ]; then
  JAVA="$ROOT/runtime/bin/java"
  CP="$ROOT/lib/*"
  JARS=("$ROOT"/lib/*.jar)
  AOT_DIR="$ROOT/lib"
  # pure bash: the package depends on no sed or coreutils beyond what its launchers name
  JAVA_MAJOR=""
  while IFS= read -r line; do
    if [[ $line =~ ^JAVA_VERSION=\"([0-9]+) ]]; then
      JAVA_MAJOR=${BASH_REMATCH[1]}
      break
    fi
  done < "$ROOT/runtime/release" 2>/dev/null || true
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
  JARS=("$JAR" "$LIB"/*.jar)
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

# llmsh has two paths (decision 0023): the thin client (llm-osd decides; also --version and
# --help), which loads a few thousand classes, and everything else (embedded runs, policy tools,
# the model), which loads drools too. each has its own aot cache, since a cache makes the jvm load
# all its classes at start; a wrong guess only costs time, either cache works for either path.
# llmsh's commands are short-lived, so they get c1 alone (c2's compiler threads cost them more cpu
# than they save: an embedded run 1.25 s of cpu instead of 2.0, policy test 4.0 instead of 8-9) and
# the serial gc; llm-osd and llmsh mcp (a server) keep the jvm's defaults.
llmsh_path="" llmsh_word=""
llmos_llmsh_path() { # ARGS...: sets llmsh_path (client or embedded) and llmsh_word (the subcommand)
  local a socket="" skip=""
  if [ -n "${LLMOS_SOCKET:-}" ] || [ -S /run/llm-osd/llm-osd.sock ]; then socket=1; fi
  llmsh_path=embedded llmsh_word=""
  for a in "$@"; do
    if [ -n "$skip" ]; then skip=""; continue; fi
    case "$a" in
      --embedded) socket="" ;;
      --socket) socket=1 skip=1 ;;
      --socket=*) socket=1 ;;
      --policy|--state|--audit|--cache|--config) skip=1 ;;
      -V|--version|-h|--help) if [ -z "$llmsh_word" ]; then llmsh_path=client; return; fi ;;
      -*) ;;
      *) if [ -z "$llmsh_word" ]; then llmsh_word="$a"; fi ;;
    esac
  done
  case "$llmsh_word" in
    run|status|recover) if [ -n "$socket" ] && [[ " $* " != *" --embedded "* ]]; then llmsh_path=client; fi ;;
  esac
}
AOT_NAME="$NAME"
if [ "$NAME" = llmsh ]; then
  llmos_llmsh_path "$@"
  if [ "$llmsh_path" = client ]; then AOT_NAME=llmsh-client; fi
  if [ "$llmsh_word" != mcp ]; then JVM_FLAGS+=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC); fi
  # a command over in a second compiles less: c1 starts on a method after ten times the usual
  # calls, so its thread stops compiling code the command is done with (decision 0029: the client
  # run and --version about 20 % less cpu, an embedded run about 10 %; policy test, seconds long,
  # was slower with it, so only these)
  if [ "$llmsh_path" = client ] || [ "$llmsh_word" = run ]; then JVM_FLAGS+=(-XX:CompileThresholdScaling=10); fi
fi

# LLMOS_AOT=off runs without the cache (scripts/bench-commands compares the two)
if [ "${JAVA_MAJOR:-0}" -ge 25 ] 2>/dev/null && [ "${LLMOS_AOT:-}" != off ]; then
  if [ -n "${LLMOS_AOT_TRAIN:-}" ]; then
    # scripts/aot: this run is the training run; the jvm writes the cache when it exits
    JVM_FLAGS+=("-XX:AOTCacheOutput=$LLMOS_AOT_TRAIN")
  elif [ -f "$AOT_DIR/$AOT_NAME.aot" ]; then
    # a cache older than a jar was trained for other jars: the jvm would refuse it and then run
    # without even the jdk's own class data sharing, slower than with no cache named at all
    aot_fresh=1
    for jar in "${JARS[@]}"; do
      if [ "$jar" -nt "$AOT_DIR/$AOT_NAME.aot" ]; then aot_fresh=""; break; fi
    done
    if [ -n "$aot_fresh" ]; then
      JVM_FLAGS+=("-XX:AOTCache=$AOT_DIR/$AOT_NAME.aot" -Xlog:aot=off -Xlog:cds=off)
    fi
  fi
fi

exec "$JAVA" --enable-native-access=ALL-UNNAMED "${JVM_FLAGS[@]}" -Dllmos.home="$ROOT" -cp "$CP" "$MAIN" "$@"
