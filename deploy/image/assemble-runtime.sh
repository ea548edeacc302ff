#!/usr/bin/env bash
# Assembles the file system of the server's container image apart from the application itself, without a
# Docker daemon and without any container registry: a Java runtime made by jlink from the JDK that runs the
# build, plus the shared libraries that runtime needs, copied from the build machine (Debian or any glibc
# Linux), and an empty /tmp. Jib adds the application on top (see deploy/pom.xml, profile "image").
#
# usage: assemble-runtime.sh <jdk home> <output directory>
set -euo pipefail

JDK_HOME=$1
ROOT=$2
# Modules the server needs: java.desktop for java.beans (Spring), java.sql for Spring's type conversion,
# java.management for actuator metrics, jdk.unsupported for Netty and Reactor, jdk.crypto.ec for TLS.
MODULES=java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.management,jdk.unsupported

rm -rf "$ROOT"
mkdir -p "$ROOT/opt" "$ROOT/tmp"
"$JDK_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
	--output "$ROOT/opt/java"

# Every shared library the launcher and the runtime's core libraries load, and the dynamic loader (ldd lists
# it by the path the launcher was linked with), at the paths they have on the build machine. The AWT libraries of java.desktop are left out: a headless server
# never loads them.
libraries() {
	for file in "$ROOT/opt/java/bin/java" "$ROOT"/opt/java/lib/*.so "$ROOT"/opt/java/lib/server/libjvm.so; do
		case "$(basename "$file")" in
			libawt*|libfontmanager.so|libjawt.so|libjsound.so|liblcms.so|libmlib_image.so|libsplashscreen.so|libjavajpeg.so) continue ;;
		esac
		ldd "$file" | awk '/=> \// { print $3 } /^[ \t]*\/[^ ]*ld-linux/ { print $1 }'
	done | sort -u
}
for library in $(libraries); do
	case "$library" in
		"$ROOT"/*) continue ;;
	esac
	mkdir -p "$ROOT$(dirname "$library")"
	cp -L "$library" "$ROOT$library"
done
