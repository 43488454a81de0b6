// SPDX-License-Identifier: GPL-3.0-or-later
#include "ollamastream.h"

#include "agentlog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <algorithm>

namespace Smollama {

QList<OllamaStreamParser::Event> OllamaStreamParser::feed(const QByteArray &data)
{
    QList<Event> events;
    if (m_finished) {
        return events;
    }
    m_buffer += data;
    // Lines may be split across reads: keep the partial last line for the next one.
    qsizetype start = 0;
    qsizetype newline;
    while (!m_finished && (newline = m_buffer.indexOf('\n', std::max(start, m_scanned))) >= 0) {
        handleLine(m_buffer.mid(start, newline - start), events);
        start = newline + 1;
        m_scanned = start;
    }
    m_buffer.remove(0, start);
    m_scanned = m_buffer.size();
    return events;
}

QList<OllamaStreamParser::Event> OllamaStreamParser::finish()
{
    QList<Event> events;
    if (!m_finished && !m_buffer.trimmed().isEmpty()) {
        handleLine(m_buffer, events);
    }
    m_buffer.clear();
    m_scanned = 0;
    return events;
}

void OllamaStreamParser::handleLine(const QByteArray &raw, QList<Event> &events)
{
    const QByteArray line = raw.trimmed();
    if (line.isEmpty()) {
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
    if (!doc.isObject()) {
        // As ollama-js does: skip what cannot be parsed, but say so.
        qCWarning(lcAgent, "Skipping an unreadable line from Ollama (%s): %s",
                  qPrintable(parseError.errorString()), line.left(200).constData());
        return;
    }
    const QJsonObject chunk = doc.object();
    if (chunk.contains(QStringLiteral("error"))) {
        const QJsonValue error = chunk.value(QStringLiteral("error"));
        events.append({Event::Kind::Error,
                       error.isString()
                           ? error.toString()
                           : QString::fromUtf8(QJsonDocument(chunk).toJson(QJsonDocument::Compact)),
                       {}});
        m_finished = true;
        return;
    }
    const QJsonObject message = chunk.value(QStringLiteral("message")).toObject();
    const QString thinking = message.value(QStringLiteral("thinking")).toString();
    if (!thinking.isEmpty()) {
        events.append({Event::Kind::Thinking, thinking, {}});
    }
    const QString content = message.value(QStringLiteral("content")).toString();
    if (!content.isEmpty()) {
        events.append({Event::Kind::Content, content, {}});
    }
    const QJsonArray calls = message.value(QStringLiteral("tool_calls")).toArray();
    for (const QJsonValue &call : calls) {
        QJsonObject c = call.toObject();
        QJsonObject function = c.value(QStringLiteral("function")).toObject();
        const QJsonValue args = function.value(QStringLiteral("arguments"));
        if (args.isString()) {
            // The OpenAI-style string form; the native API wants an object back.
            function.insert(QStringLiteral("arguments"),
                            QJsonDocument::fromJson(args.toString().toUtf8()).object());
        } else if (!args.isObject()) {
            function.insert(QStringLiteral("arguments"), QJsonObject());
        }
        c.insert(QStringLiteral("function"), function);
        events.append({Event::Kind::ToolCall, {}, c});
    }
    if (chunk.value(QStringLiteral("done")).toBool()) {
        QJsonObject final = chunk;
        final.remove(QStringLiteral("message"));
        events.append({Event::Kind::Done, {}, final});
        m_finished = true;
    }
}

} // namespace Smollama
