# syntax=docker/dockerfile:1
# RelevanceRelated silo for CPU nodes (ingest, features, statistics; CPU inference when no GPU silo exists).
# Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t relevancerelated/silo:VERSION .
# tests/Deploy.Tests reads this file: it publishes with the `dotnet publish` line below and starts the result
# with the ENTRYPOINT, WORKDIR and ENV given here, so keep them on single lines.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so that a source change does not re-download packages.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Analysis/Analysis.csproj src/Analysis/
COPY src/Grains.Interfaces/Grains.Interfaces.csproj src/Grains.Interfaces/
COPY src/Grains/Grains.csproj src/Grains/
COPY src/Hosting/Hosting.csproj src/Hosting/
COPY src/Silo/Silo.csproj src/Silo/
RUN dotnet restore src/Silo/Silo.csproj -r linux-x64
COPY src/ src/
# Grains embeds the schema scripts (deploy/sql) that `db init` and the silo's tests use.
COPY deploy/sql/ deploy/sql/
RUN dotnet publish src/Silo/Silo.csproj -c Release -r linux-x64 --self-contained false --no-restore -o /app
# A CPU silo never loads the CUDA or TensorRT providers (about 290 MB), and no Linux image needs the Windows
# native ONNX Runtime libraries that Microsoft.ML.OnnxRuntime.Gpu.Windows copies into every publish (about 215 MB).
RUN rm -f /app/libonnxruntime_providers_cuda.so /app/libonnxruntime_providers_tensorrt.so /app/onnxruntime*.dll

# The ASP.NET Core runtime: the silo serves /health and /alive with Kestrel.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# Defaults for a cluster member; Kubernetes (deploy/k8s) sets mode, connection string, silo name and address.
# A container listens on its own interfaces; in postgres mode a silo then needs TLS (or refuses to start).
ENV RelevanceRelated__Cluster__BindAddress=0.0.0.0
ENV RelevanceRelated__Cluster__SiloPort=11111
ENV RelevanceRelated__Cluster__GatewayPort=30000
ENV RelevanceRelated__Cluster__HealthPort=8081
ENV RelevanceRelated__Cluster__ShutdownTimeoutSeconds=30
ENV Orleans__Metadata__hardware.accelerator=cpu
EXPOSE 11111 30000 8081
# The image's non-root user (uid 1654); the artifact store volume must be writable by it.
USER $APP_UID
ENTRYPOINT ["dotnet", "RelevanceRelated.Silo.dll"]
