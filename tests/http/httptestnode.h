// SPDX-License-Identifier: GPL-3.0-or-later
// A NodeRuntime with the fixture sensor "probe" (source probe:temp) and the HTTP API on a free
// loopback port, for tests that talk to the API over real sockets; and a reader for the
// Server-Sent Events such a test receives.
#pragma once

#include "httptestclient.h"

#include "config/config.h"
#include "http/httpapi.h"
#include "readings/readingmanager.h"
#include "runtime/noderuntime.h"

#include <QList>
#include <QTemporaryDir>

#include <memory>

class HttpTestNode
{
public:
    HttpTestNode() { m_tmp = std::make_unique<QTemporaryDir>(); }

    /*! Where the node's agent finds Ollama (default: a port where nothing answers). */
    void setOllamaUrl(const QByteArray &url) { m_ollamaUrl = url; }

    /*! Starts a node; \a http adds keys to the http section ("port: 0" unless given). */
    bool start(const QByteArray &http = QByteArray(), const QByteArray &extraYaml = QByteArray())
    {
        m_runtime.reset();
        const QByteArray yaml = "node: {name: conformance}\n"
                                "history: {persist: false}\n"
                                "ollama: {url: \"" +
                                m_ollamaUrl +
                                "\"}\n"
                                "agent: {ollama_retry_attempts: 0}\n"
                                "http: {" +
                                (http.contains("port:") ? http : "port: 0, " + http) +
                                "}\n"
                                "plugins:\n"
                                "  custom:\n"
                                "    - {name: probe, module: fixture_good, config: {value: 12.5, "
                                "sources: [temp]}}\n" +
                                extraYaml;
        const Smollama::Config config =
            Smollama::Config::fromYaml(yaml, QStringLiteral("config.yaml"));
        if (config.hasErrors()) {
            qWarning("%s", qPrintable(config.diagnostics().first().toString()));
            return false;
        }
        m_runtime = std::make_unique<Smollama::NodeRuntime>(config);
        m_runtime->setBuiltinPluginDir(m_tmp->filePath(QStringLiteral("no-builtins")));
        m_runtime->setExtraPluginPaths({QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good")});
        Smollama::NodeRuntime::StartOptions options;
        options.crashCheck = false;
        m_runtime->setStartOptions(options);
        m_runtime->start();
        if (!m_runtime->http() || !m_runtime->http()->isListening()) {
            return false;
        }
        return HttpTestClient::waitFor(
            [this] { return !m_runtime->readings()->latest().isEmpty(); }, 5000);
    }

    void stop() { m_runtime.reset(); }
    Smollama::NodeRuntime *runtime() const { return m_runtime.get(); }
    Smollama::HttpApi *http() const { return m_runtime->http(); }
    quint16 port() const { return m_runtime->http()->serverPort(); }
    QByteArray token() const { return m_runtime->http()->token(); }

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    QByteArray m_ollamaUrl = "http://127.0.0.1:9";
    std::unique_ptr<Smollama::NodeRuntime> m_runtime;
};

/*! One event of a Server-Sent Events stream. */
struct SseEvent
{
    QByteArray id;   //!< empty: the event had no id field
    QByteArray name; //!< empty: "message"
    QByteArray data; //!< the data lines joined with '\n'
    bool hasId = false;
};

/*! The events (blocks ending with an empty line; comment-only blocks skipped) of the stream
    in \a raw: the bytes after the head, chunked (HTTP/1.1) or not (HTTP/1.0). */
inline QList<SseEvent> sseEvents(const QByteArray &raw, bool chunked)
{
    const qsizetype headEnd = raw.indexOf("\r\n\r\n");
    QByteArray body = headEnd < 0 ? QByteArray() : raw.mid(headEnd + 4);
    if (chunked) {
        QByteArray plain;
        qsizetype pos = 0;
        while (true) {
            const qsizetype nl = body.indexOf("\r\n", pos);
            if (nl < 0) {
                break;
            }
            bool ok = false;
            const qsizetype size = body.mid(pos, nl - pos).toLongLong(&ok, 16);
            if (!ok || size == 0 || body.size() < nl + 2 + size + 2) {
                break;
            }
            plain += body.mid(nl + 2, size);
            pos = nl + 2 + size + 2;
        }
        body = plain;
    }
    QList<SseEvent> out;
    qsizetype pos = 0;
    while (true) {
        const qsizetype end = body.indexOf("\n\n", pos);
        if (end < 0) {
            break;
        }
        SseEvent event;
        bool any = false;
        QList<QByteArray> data;
        for (const QByteArray &line : body.mid(pos, end - pos).split('\n')) {
            if (line.startsWith(':') || line.isEmpty()) {
                continue;
            }
            const qsizetype colon = line.indexOf(':');
            const QByteArray field = colon < 0 ? line : line.left(colon);
            QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
            if (value.startsWith(' ')) {
                value.remove(0, 1);
            }
            if (field == "id") {
                event.id = value;
                event.hasId = true;
                any = true;
            } else if (field == "event") {
                event.name = value;
                any = true;
            } else if (field == "data") {
                data.append(value);
                any = true;
            }
        }
        event.data = data.join('\n');
        if (any) {
            out.append(event);
        }
        pos = end + 2;
    }
    return out;
}
