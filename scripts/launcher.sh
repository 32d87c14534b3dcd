# How jblktrace's launchers find and start Java, kept in one place: sourced by scripts/blkparse,
# scripts/blktrace (btrace runs those two), scripts/btt, scripts/reqlog and scripts/cds-archives.
# The sourcing script sets `script` to its own path with symbolic links resolved; `root` is then
# the checkout, or PREFIX/lib/jblktrace where scripts/install puts the same layout.
root=${script%/*/*}

# Sets java to the runtime's java with symbolic links resolved, java_major to its feature
# release (17, 21, 25; empty if unknown) and cds_key to its home directory as one file-name
# word (usr_lib_jvm_java-17-openjdk-amd64): JAVA_HOME's Java when that is set, else the one on
# PATH. Exits 1 saying what to do when there is none, or when it is older than 17 (the release
# file every JDK and JRE ships says which it is).
find_java() {
    if [ -n "$JAVA_HOME" ]; then
        java=$JAVA_HOME/bin/java
    else
        java=$(command -v java)
    fi
    if [ -z "$java" ] || ! java=$(readlink -e -- "$java") || [ ! -x "$java" ]; then
        echo "$0: no Java runtime found: set JAVA_HOME or put java on PATH" \
            "(Debian: apt-get install default-jre-headless)" >&2
        exit 1
    fi
    home=${java%/bin/java}
    java_major=
    if [ -r "$home/release" ]; then
        while IFS= read -r line; do
            case $line in
                JAVA_VERSION=*)
                    version=${line#*=\"}
                    version=${version%\"}
                    java_major=${version%%[!0-9]*}
                    if [ -n "$java_major" ] && [ "$java_major" -lt 17 ]; then
                        echo "$0: $java is Java $version; jblktrace needs Java 17 or newer:" \
                            "set JAVA_HOME to one (Debian 12 and newer: apt-get install default-jre-headless)" >&2
                        exit 1
                    fi
                    break
                    ;;
            esac
        done <"$home/release"
    fi
    cds_key=
    rest=${home#/}
    while :; do
        case $rest in
            */*)
                cds_key=$cds_key${rest%%/*}_
                rest=${rest#*/}
                ;;
            *)
                cds_key=$cds_key$rest
                break
                ;;
        esac
    done
}

# cds_archive MODULE NAME: sets archive to the class-data sharing archive of NAME (blkparse,
# blktrace, btt) for the runtime find_java found. One archive per runtime, each recorded by that
# runtime (scripts/cds-archives), so that switching JAVA_HOME finds its own.
cds_archive() {
    archive=$root/$1/target/$2-$cds_key.jsa
}

# class_path MODULE: sets target to MODULE's build directory, jar to its packaged jar and
# class_path to that jar and its libraries, as the JVM is given them (a static archive,
# scripts/cds-archives, must be dumped with the same).
class_path() {
    target=$root/$1/target
    jar=$target/$1.jar
    class_path=$jar:$target/lib/*
}

# launch MODULE NAME MAIN [JVM-OPTION]... -- ARG...: runs MAIN from MODULE's packaged jar and
# libraries as this process, with ARG... as its arguments. The JVM options (-Dname=value, -X...,
# without white space) go to the JVM after ours; so does JBLKTRACE_JAVA_OPTS, last, so that it
# can override them (a larger -Xmx, say).
launch() {
    module=$1
    class_path "$module"
    name=$2
    main=$3
    shift 3
    properties=
    while [ "$1" != -- ]; do
        properties="$properties $1"
        shift
    done
    shift
    if [ ! -f "$jar" ]; then
        echo "$0: $jar is missing; build with: mvn -q -B package -DskipTests" >&2
        exit 1
    fi
    find_java
    # Java decodes arguments and encodes file names with the locale's character set; under the
    # plain C/POSIX locale every non-ASCII byte would become '?', so give it UTF-8 instead.
    case ${LC_ALL:-${LC_CTYPE:-$LANG}} in
        "" | C | POSIX) export LC_ALL=C.UTF-8 ;;
    esac
    # Class-data sharing: scripts/cds-archives records the classes a run loads (through
    # JBLKTRACE_CDS_RECORD), or dumps those of a list, and later runs map them instead of
    # loading them. An archive that is stale (jars rebuilt, the runtime updated in place) or
    # damaged is ignored by the JVM and only costs speed; -Xlog:cds*=off keeps it from saying
    # so on stdout.
    cds_archive "$module" "$name"
    if [ -n "$JBLKTRACE_CDS_RECORD" ]; then
        cds=-XX:ArchiveClassesAtExit=$JBLKTRACE_CDS_RECORD
    elif [ -f "$archive" ]; then
        cds=-XX:SharedArchiveFile=$archive
    else
        cds=
    fi
    # JNA would run `ldconfig -p` to learn the library directories when it starts; we load only
    # the C library, by its soname (LibC.LIBRARY), which the dynamic loader finds itself.
    properties=" -Djna.platform.library.path=$properties"
    # JNA's native part, unpacked at build time under target/jna in JNA's own per-platform
    # directories (linux-x86-64, linux-aarch64...): loading it from there spares every run
    # JNA's unpacking into a temporary file, and the secure random numbers that name it.
    # Elsewhere JNA unpacks it as usual.
    machine=$(uname -m)
    case $machine in
        x86_64) jna_platform=linux-x86-64 ;;
        i?86) jna_platform=linux-x86 ;;
        arm*) jna_platform=linux-arm ;;
        *) jna_platform=linux-$machine ;;
    esac
    jna_native=$target/jna/com/sun/jna/$jna_platform
    if [ -f "$jna_native/libjnidispatch.so" ]; then
        properties=" -Djna.boot.library.path=$jna_native$properties"
    fi
    # JNA loads its native part with System.load, which Java 24 and later warn about on stderr
    # unless native access is allowed.
    if [ -n "$java_major" ] && [ "$java_major" -ge 24 ]; then
        properties="--enable-native-access=ALL-UNNAMED$properties"
    fi
    # Serial GC and no perf-data file start fastest with the least memory. C2 stays on:
    # stopping at C1 saved no measurable start-up time and would slow down long traces. exec
    # leaves the JVM as this process, so that signals reach it directly.
    # shellcheck disable=SC2086 # properties and JBLKTRACE_JAVA_OPTS are lists of words
    exec "$java" -XX:+UseSerialGC -XX:-UsePerfData '-Xlog:cds*=off' -Xshare:auto ${cds:+"$cds"} -Xmx128m \
        $properties $JBLKTRACE_JAVA_OPTS -Djblktrace.argv0="$0" \
        -cp "$class_path" "$main" "$@"
}
