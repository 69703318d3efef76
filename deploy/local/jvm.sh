# shellcheck shell=bash disable=SC2034
# How a Leadflow service's JVM is started, for deploy/local/up and every benchmark alike. Sourced, never run.
#
# The serial collector and a heap that starts small: a service's live data is tens of MiB, and G1's regions,
# remembered sets and a default initial heap of 1/64 of the machine's memory only raise its resident memory. On two
# cores the serial collector costs no more CPU per lead than G1 (deploy/bench/results/2026-12-07-vm-cpu-jvm-options.md)
# and a service stays under 300 MiB under load instead of up to 417
# (deploy/bench/results/2026-12-07-vm-footprint-jvm-options.md).
LEADFLOW_DEFAULT_JAVA_OPTS="-XX:+UseSerialGC -Xms32m -Xmx512m"

# cds_option APP_DIR: the build's AppCDS archive (quarkus.package.jar.appcds in lead-events' shared
# microprofile-config.properties makes every service build write APP_DIR/app-cds.jsa), if there is one: the JVM maps the classes it archived instead
# of loading and verifying them again, a second or more off every start. An archive that no longer matches its jars
# (another JDK, a jar rebuilt without it) is refused by the JVM with a warning and the service starts as without it.
# LEADFLOW_CDS=off starts without it.
cds_option() {
  [[ ${LEADFLOW_CDS:-on} != off && -f $1/app-cds.jsa ]] && printf -- '-XX:SharedArchiveFile=%s/app-cds.jsa\n' "$1"
  return 0
}
