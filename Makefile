# Installs jblktrace from this checkout once built (mvn -q -B package -DskipTests):
#   make install [PREFIX=/usr/local] [DESTDIR=staging-dir]
#   make uninstall [PREFIX=/usr/local] [DESTDIR=staging-dir]
# Both run scripts/install, which does the work.
PREFIX ?= /usr/local
DESTDIR ?=

install:
	PREFIX='$(PREFIX)' DESTDIR='$(DESTDIR)' scripts/install

uninstall:
	PREFIX='$(PREFIX)' DESTDIR='$(DESTDIR)' scripts/install --uninstall

.PHONY: install uninstall
