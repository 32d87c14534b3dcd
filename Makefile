# Installs jblktrace from this checkout once built (mvn -q -B package -DskipTests):
#   make install [PREFIX=/usr/local] [DESTDIR=staging-dir]
#   make uninstall [PREFIX=/usr/local] [DESTDIR=staging-dir]
# Both run scripts/install, which does the work. A bare `make` only says so: Maven builds.
PREFIX ?= /usr/local
DESTDIR ?=

help:
	@echo 'build with: mvn -q -B package -DskipTests; then: make install [PREFIX=/usr/local] [DESTDIR=staging-dir]'
	@echo 'remove with: make uninstall [PREFIX=/usr/local] [DESTDIR=staging-dir]'

install:
	PREFIX='$(PREFIX)' DESTDIR='$(DESTDIR)' scripts/install

uninstall:
	PREFIX='$(PREFIX)' DESTDIR='$(DESTDIR)' scripts/install --uninstall

.PHONY: help install uninstall
