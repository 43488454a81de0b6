// SPDX-License-Identifier: GPL-3.0-or-later
// Ollama's streamed chat answer, cut into network reads at places the input chooses: the first
// byte gives the read size (1-64 bytes; 0 means everything at once).
#include "agent/ollamastream.h"

#include <QLoggingCategory>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bool quiet = [] {
        QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
        return true;
    }();
    (void)quiet;
    if (size == 0) {
        return 0;
    }
    const qsizetype step = data[0] % 65;
    const QByteArray body(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    Smollama::OllamaStreamParser parser;
    qsizetype events = 0;
    if (step == 0) {
        events += parser.feed(body).size();
    } else {
        for (qsizetype at = 0; at < body.size(); at += step) {
            events += parser.feed(body.mid(at, step)).size();
        }
    }
    events += parser.finish().size();
    (void)events;
    return 0;
}
