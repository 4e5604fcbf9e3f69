# sourced by the launchers and scripts: finds a jdk >= 21 and exports JAVA_HOME and JAVA.
# order: $LLMOS_JAVA_HOME, $JAVA_HOME, java on PATH, then every jdk under /usr/lib/jvm (newest first).
# a jdk's major version is read from its release file, so finding one starts no jvm
# (docs/decisions/0019-fast-start.md); only a jdk without that file is asked with java itself.

llmos_java_major() {
  # prints the major version of the java binary given, or nothing
  local home release
  home="$(dirname "$(dirname "$1")")"
  release="$home/release"
  if [ -f "$release" ]; then
    sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$release" | head -n 1
    return 0
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

llmos_find_jdk() {
  local candidates=() c major
  [ -n "${LLMOS_JAVA_HOME:-}" ] && candidates+=("$LLMOS_JAVA_HOME")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in $(ls -d /usr/lib/jvm/*/ /opt/java/*/ /opt/jdk*/ 2>/dev/null | sort -rV); do
    candidates+=("${c%/}")
  done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    major=$(llmos_java_major "$c/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      printf '%s\n' "$c"
      return 0
    fi
  done
  return 1
}

if ! LLMOS_JDK=$(llmos_find_jdk); then
  echo "llm-os needs a jdk >= 21 (java and javac). none found in LLMOS_JAVA_HOME, JAVA_HOME, PATH or /usr/lib/jvm." >&2
  echo "install one (for example: apt-get install openjdk-21-jdk-headless) or set LLMOS_JAVA_HOME." >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME="$LLMOS_JDK"
export JAVA="$LLMOS_JDK/bin/java"
