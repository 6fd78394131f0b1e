#!/bin/sh
# Debian's faiss and numpy link the reference libblas, whose k-means for IVF-PQ training is about 20x slower than
# OpenBLAS (20k x 512 into 256 cells, 5 iterations, 2 threads: 61.5 s against 2.8 s): faiss' IVF-PQ at 1M would not
# train in the benchmark's time. This unpacks Debian's OpenBLAS into artifacts/openblas (no system change, nothing
# installed); `bench index` puts it first on the peers' LD_LIBRARY_PATH when it is there. Idempotent.
set -e
cd "$(dirname "$0")/../.."
lib=artifacts/openblas/root/usr/lib/x86_64-linux-gnu/openblas-pthread
if [ ! -e "$lib/libblas.so.3" ]; then
  mkdir -p artifacts/openblas
  (cd artifacts/openblas && apt-get download libopenblas0-pthread && dpkg-deb -x libopenblas0-pthread_*.deb root)
fi
echo "$PWD/$lib"
