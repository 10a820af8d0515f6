# syntax=docker/dockerfile:1
# The `relevancerelated` console: `db init` (the Kubernetes Job in deploy/k8s), offline verbs on files, and the
# cluster verbs. Build from the repository root:
#   docker build -f deploy/docker/console.Dockerfile -t relevancerelated/console:VERSION .
#   docker run --rm relevancerelated/console:VERSION db init --connection "Host=db;Database=relevancerelated;..."

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Analysis/Analysis.csproj src/Analysis/
COPY src/Grains.Interfaces/Grains.Interfaces.csproj src/Grains.Interfaces/
COPY src/Grains/Grains.csproj src/Grains/
COPY src/Hosting/Hosting.csproj src/Hosting/
COPY src/Client/Client.csproj src/Client/
RUN dotnet restore src/Client/Client.csproj -r linux-x64
COPY src/ src/
COPY deploy/sql/ deploy/sql/
# The console ships configs/*.toml next to the program (the defaults when no configuration directory is given).
COPY configs/ configs/
RUN dotnet publish src/Client/Client.csproj -c Release -r linux-x64 --self-contained false --no-restore -o /app
# The console runs models on the CPU; drop the CUDA/TensorRT providers and the Windows native libraries.
RUN rm -f /app/libonnxruntime_providers_cuda.so /app/libonnxruntime_providers_tensorrt.so /app/onnxruntime*.dll

# The ASP.NET runtime: `demo` hosts an embedded silo in-process, and the silo host references ASP.NET Core
# (its health endpoints), so the console's runtimeconfig asks for Microsoft.AspNetCore.App.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
USER $APP_UID
ENTRYPOINT ["dotnet", "relevancerelated.dll"]
