// SPDX-License-Identifier: GPL-3.0-or-later
// The NDJSON reader of Ollama's chat stream on its own (the fuzz target fuzz_ollama_ndjson
// drives the same class); inputs the fuzzer found problems with are added here.
#include "agent/ollamastream.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Smollama;
using Kind = OllamaStreamParser::Event::Kind;

namespace {

// Everything the parser reports for \a body read \a step bytes at a time (0: at once).
QList<OllamaStreamParser::Event> parse(const QByteArray &body, int step)
{
    OllamaStreamParser parser;
    QList<OllamaStreamParser::Event> events;
    if (step == 0) {
        events += parser.feed(body);
    } else {
        for (qsizetype at = 0; at < body.size(); at += step) {
            events += parser.feed(body.mid(at, step));
        }
    }
    events += parser.finish();
    return events;
}

QString describe(const QList<OllamaStreamParser::Event> &events)
{
    QStringList out;
    for (const auto &e : events) {
        switch (e.kind) {
        case Kind::Thinking:
            out << QStringLiteral("thinking:") + e.text;
            break;
        case Kind::Content:
            out << QStringLiteral("content:") + e.text;
            break;
        case Kind::ToolCall:
            out << QStringLiteral("tool:") +
                       QString::fromUtf8(QJsonDocument(e.object).toJson(QJsonDocument::Compact));
            break;
        case Kind::Done:
            out << QStringLiteral("done:") +
                       QString::fromUtf8(QJsonDocument(e.object).toJson(QJsonDocument::Compact));
            break;
        case Kind::Error:
            out << QStringLiteral("error:") + e.text;
            break;
        }
    }
    return out.join(QLatin1Char('|'));
}

} // namespace

class tst_OllamaStream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anySplitGivesTheSameEvents()
    {
        const QByteArray body =
            "{\"message\":{\"role\":\"assistant\",\"thinking\":\"hm\",\"content\":\"Hé\"}}\n"
            "{\"message\":{\"content\":\"llo\",\"tool_calls\":[{\"function\":{\"name\":\"t\","
            "\"arguments\":\"{\\\"a\\\":1}\"}}]}}\r\n"
            "\n"
            "{\"message\":{\"content\":\"\"},\"done\":true,\"eval_count\":2}\n"
            "{\"message\":{\"content\":\"after done\"}}\n";
        const QString expected = QStringLiteral(
            "thinking:hm|content:Hé|content:llo|tool:{\"function\":{\"arguments\":{\"a\":1},"
            "\"name\":\"t\"}}|done:{\"done\":true,\"eval_count\":2}");
        for (int step = 0; step <= 9; ++step) {
            QCOMPARE(describe(parse(body, step)), expected);
        }
    }

    void anErrorLineEndsTheStream()
    {
        QCOMPARE(describe(parse(
                     "{\"error\":\"out of memory\"}\n{\"message\":{\"content\":\"x\"}}\n", 3)),
                 QStringLiteral("error:out of memory"));
        QCOMPARE(describe(parse("{\"error\":{\"code\":5}}", 0)),
                 QStringLiteral("error:{\"error\":{\"code\":5}}"));
    }

    void unreadableLinesAreSkipped()
    {
        QCOMPARE(describe(parse("not json\n[1,2]\n{\"message\":\"text\",\"done\":\"yes\"}\n"
                                "{\"message\":{\"tool_calls\":{\"a\":1},\"content\":5}}\n"
                                "{\"message\":{\"tool_calls\":[7,{\"function\":3}]}}\n",
                                4)),
                 QStringLiteral("tool:{\"function\":{\"arguments\":{}}}|"
                                "tool:{\"function\":{\"arguments\":{}}}"));
    }

    void aLastLineWithoutNewlineIsRead()
    {
        QCOMPARE(describe(parse("{\"message\":{\"content\":\"end\"},\"done\":true}", 5)),
                 QStringLiteral("content:end|done:{\"done\":true}"));
    }

    void aLongLineInSmallPiecesIsReadOnce()
    {
        // A 1 MB line fed in 1 KB reads: the parser must not rescan what it already saw.
        const QByteArray text(1 << 20, 'a');
        const QByteArray body = "{\"message\":{\"content\":\"" + text + "\"},\"done\":true}\n";
        const auto events = parse(body, 1024);
        QCOMPARE(events.size(), 2);
        QCOMPARE(events.at(0).text.size(), text.size());
    }
};

QTEST_GUILESS_MAIN(tst_OllamaStream)
#include "tst_ollamastream.moc"
