# Multi-stage: build with the SDK, run on the ASP.NET runtime image as its non-root `app` user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Mem0.Api -c Release -o /out/api --nologo \
 && dotnet publish src/Mem0.Cli -c Release -o /out/cli --nologo

# The Telegram capture bot: `docker build --target capture -t mem0-capture .`; it needs no port. The ASP.NET
# runtime, because the CLI's backup commands share the scheduler's code, which is built on it.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS capture
WORKDIR /app
COPY --from=build /out/cli ./
USER app
ENTRYPOINT ["dotnet", "mem0.dll", "capture", "telegram"]

# The server (the default target, so it stays last).
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /out/api ./
COPY --from=build /out/cli ./cli/
ENV ASPNETCORE_URLS=http://+:8000
EXPOSE 8000
# The nightly backups' folder (BACKUP_DIR in docker-compose.yml), owned by the user the server runs as.
RUN mkdir -p /backups && chown app /backups
USER app
# The image has no curl: the mem0 CLI asks /healthz and exits non-zero unless it answers {"ok": true}.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["dotnet", "/app/cli/mem0.dll", "health", "--url", "http://127.0.0.1:8000"]
ENTRYPOINT ["dotnet", "Mem0.Api.dll"]
