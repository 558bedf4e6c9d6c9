# Postgres 16 with the RUM index access method (Debian's postgresql-16-rum, from the PGDG repository the
# official image already uses). Migration 0013 builds the message search index with RUM when the server
# offers it, so newest-first search reads only the page's rows; without it the index is GIN and the search
# still works, reading every match. Build context: any (nothing is copied).
FROM postgres:16-bookworm

RUN apt-get update \
  && apt-get install -y --no-install-recommends postgresql-16-rum \
  && rm -rf /var/lib/apt/lists/*
