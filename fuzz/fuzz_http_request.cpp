// SPDX-License-Identifier: GPL-3.0-or-later
// The bytes of an HTTP connection as the API's request parser (RequestFramer) sees them. The
// first byte chooses the read size (1-64 bytes; 0 means everything at once) and whether small
// limits apply. The same bytes must give the same verdict and the same requests (method, target,
// headers, body) however they are split: a difference aborts, so the fuzzer reports it.
#include "http/requestframer.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using Smollama::Http::RequestFramer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) {
        return 0;
    }
    const qsizetype step = data[0] % 65;
    RequestFramer::Limits limits;
    if (data[0] & 0x80) {
        limits.maxHeaderBytes = 256;
        limits.maxBodyBytes = 64;
    }
    const QByteArray bytes(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    RequestFramer whole(limits);
    whole.feed(bytes);

    RequestFramer split(limits);
    const qsizetype chunk = step == 0 ? 1 : step;
    for (qsizetype at = 0; at < bytes.size(); at += chunk) {
        split.feed(QByteArrayView(bytes.constData() + at, qMin(chunk, bytes.size() - at)));
    }

    if (whole.verdict() != split.verdict() ||
        whole.completedRequests() != split.completedRequests() ||
        whole.inRequest() != split.inRequest() ||
        whole.continueRequests() != split.continueRequests()) {
        std::abort();
    }
    while (whole.hasRequest() && split.hasRequest()) {
        const Smollama::Http::Request a = whole.takeRequest();
        const Smollama::Http::Request b = split.takeRequest();
        if (a.method() != b.method() || a.target() != b.target() || a.headers() != b.headers() ||
            a.body() != b.body() || a.minorVersion() != b.minorVersion() || a.url() != b.url()) {
            std::abort();
        }
    }
    if (whole.hasRequest() != split.hasRequest()) {
        std::abort();
    }
    if (whole.verdict() != RequestFramer::Verdict::Ok && whole.problem().isEmpty()) {
        std::abort(); // every refusal says why
    }
    (void)RequestFramer::statusCode(whole.verdict());
    return 0;
}
