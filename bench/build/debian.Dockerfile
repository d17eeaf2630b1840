# bench: a Debian minbase with a real package from Debian's mirror
FROM debian:bench
RUN apt-get update && apt-get install -y --no-install-recommends hello && rm -rf /var/lib/apt/lists/*
COPY conf/ /etc/app/
CMD ["hello"]
