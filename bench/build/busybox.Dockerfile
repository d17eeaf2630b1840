# bench: a two-stage build on busybox; its RUN commands are trivial, so the time is build overhead
FROM busybox:bench AS build
WORKDIR /work
COPY src/ ./src/
RUN mkdir -p /out/bin && cp src/*.sh /out/bin/ && chmod 755 /out/bin/*.sh && echo built > /out/stamp

FROM busybox:bench
RUN echo 'app:x:1000:1000:app:/home/app:/bin/sh' >> /etc/passwd && mkdir -p /home/app && chown 1000 /home/app
COPY --from=build /out /opt/app
COPY conf/ /etc/app/
ENV APP_HOME=/opt/app
USER app
WORKDIR /home/app
CMD ["/opt/app/bin/run.sh"]
