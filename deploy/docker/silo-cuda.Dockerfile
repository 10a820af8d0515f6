# syntax=docker/dockerfile:1
# RelevanceRelated silo for GPU nodes: runs the inference grains (PVS segmentation, brain age, LRP) on CUDA.
# Build from the repository root:
#   docker build -f deploy/docker/silo-cuda.Dockerfile -t relevancerelated/silo-cuda:VERSION .
#
# ONNX Runtime 1.31 (Microsoft.ML.OnnxRuntime.Gpu, whose Linux native libraries come in
# Microsoft.ML.OnnxRuntime.Gpu.Linux: libonnxruntime.so, libonnxruntime_providers_shared.so,
# libonnxruntime_providers_cuda.so, libonnxruntime_providers_tensorrt.so) is built against CUDA 13:
#   - libonnxruntime_providers_cuda.so needs libcudart.so.13, libcublas.so.13, libcublasLt.so.13, libcurand.so.10
#     (CUDA 13.x runtime) and libcuda.so.1 (the NVIDIA driver, mounted into the container by the NVIDIA
#     container toolkit / GPU operator; CUDA 13 needs driver >= 580);
#   - cuDNN 9 built for CUDA 13 (libcudnn*.so.9);
#   - a GPU that CUDA 13 supports: compute capability 7.5 (Turing) or newer.
# The nvidia/cuda "cudnn-runtime" image carries exactly these user-space libraries. If the provider cannot load,
# the silo logs why and declares itself a CPU silo (AcceleratorDetector), so a wrong image fails visibly, not silently.

ARG CUDA_IMAGE=nvidia/cuda:13.0.2-cudnn-runtime-ubuntu24.04

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Analysis/Analysis.csproj src/Analysis/
COPY src/Grains.Interfaces/Grains.Interfaces.csproj src/Grains.Interfaces/
COPY src/Grains/Grains.csproj src/Grains/
COPY src/Hosting/Hosting.csproj src/Hosting/
COPY src/Silo/Silo.csproj src/Silo/
RUN dotnet restore src/Silo/Silo.csproj -r linux-x64
COPY src/ src/
COPY deploy/sql/ deploy/sql/
RUN dotnet publish src/Silo/Silo.csproj -c Release -r linux-x64 --self-contained false --no-restore -o /app
# Microsoft.ML.OnnxRuntime.Gpu.Windows copies its Windows native libraries into every publish (about 215 MB).
RUN rm -f /app/onnxruntime*.dll

# The ASP.NET Core runtime, taken from Microsoft's image (same Ubuntu 24.04 base as the CUDA image).
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS dotnet

FROM ${CUDA_IMAGE} AS runtime
# .NET needs ICU for globalization and CA certificates for TLS to PostgreSQL.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libicu74 ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/*
COPY --from=dotnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_ROOT=/usr/share/dotnet
# The NVIDIA container runtime mounts the driver only when these ask for it.
ENV NVIDIA_VISIBLE_DEVICES=all
ENV NVIDIA_DRIVER_CAPABILITIES=compute,utility
RUN useradd --uid 1654 --create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /app ./
# A container listens on its own interfaces; in postgres mode a silo then needs TLS (or refuses to start).
ENV RelevanceRelated__Cluster__BindAddress=0.0.0.0
ENV RelevanceRelated__Cluster__SiloPort=11111
ENV RelevanceRelated__Cluster__GatewayPort=30000
ENV RelevanceRelated__Cluster__HealthPort=8081
ENV RelevanceRelated__Cluster__ShutdownTimeoutSeconds=30
# No accelerator is declared here: the silo probes CUDA at start-up and publishes what it found.
# Kubernetes (deploy/k8s/silo-gpu.yaml) declares gpu explicitly for pods scheduled on GPU nodes.
EXPOSE 11111 30000 8081
USER 1654
ENTRYPOINT ["dotnet", "RelevanceRelated.Silo.dll"]
