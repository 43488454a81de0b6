// SPDX-License-Identifier: GPL-3.0-or-later
// The bytes of an HTTP connection as the API's request framer sees them (the check that runs
// before QtHttpServer parses anything). The first byte chooses the read size (1-64 bytes; 0 means
// everything at once) and whether small limits apply. The same bytes must give the same verdict
// and request count however they are split: a difference aborts, so the fuzzer reports it.
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
    if (whole.verdict() != RequestFramer::Verdict::Ok && whole.problem().isEmpty()) {
        std::abort(); // every refusal says why
    }
    (void)RequestFramer::statusCode(whole.verdict());
    return 0;
}
