// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostserver.h"

#include "plugins/instancecalls_p.h"
#include "plugins/plugindiscovery.h"
#include "plugins/plugininstance.h"
#include "util/i18n.h"

#include <smollama/plugin.h>
#include <smollama/plugincontext.h>
#include <smollama/pluginfactory.h>
#include <smollama/readingprovider.h>
#include <smollama/readingsink.h>
#include <smollama/tool.h>
#include <smollama/toolprovider.h>

#include <QCoreApplication>
#include <QJsonValue>
#include <QPointer>
#include <QSocketNotifier>
#include <QThread>

#include <unistd.h>

namespace Smollama {

using Internal::currentExceptionText;
using namespace HostProtocol;

/*! The PluginContext of the hosted instance: what the plugin asks of the node goes to it as
    messages (any thread); its answers come back through HostServer::handle(). */
class HostContext : public PluginContext
{
public:
    HostContext(HostServer *server, const QCborMap &load)
        : m_server(server)
        , m_name(load.value(QLatin1String("instance")).toString())
        , m_node(load.value(QLatin1String("node")).toString())
        , m_metadata(load.value(QLatin1String("manifest")).toJsonValue().toObject())
        , m_config(load.value(QLatin1String("config")).toJsonValue().toObject())
    {
    }

    QString instanceName() const override { return m_name; }
    PluginMetadata metadata() const override { return m_metadata; }
    QJsonObject config() const override { return m_config; }
    QString nodeName() const override { return m_node; }

    void publish(const Reading &reading) override
    {
        // Batched: what arrives while the host's thread is busy (sending the previous batch, a
        // call) goes in one message, at most kMaxBatch readings; a lone reading goes at once.
        // The plugin's thread only queues it and the host's thread encodes and sends, except
        // for a full batch, which the plugin's thread sends itself (it waits for the node
        // rather than queueing without bound).
        bool full = false;
        {
            QMutexLocker locker(&m_batchLock);
            m_batch.append(reading);
            if (m_batch.size() == 1) {
                QMetaObject::invokeMethod(
                    m_server, [this] { flush(); }, Qt::QueuedConnection);
            }
            full = m_batch.size() >= kMaxBatch;
        }
        if (full) {
            flush();
        }
    }

    /*! Sends what was published so far; the plugin publishes on meanwhile. */
    void flush()
    {
        QMutexLocker sending(&m_sendLock); // batches go out in the order they were taken
        QList<Reading> batch;
        {
            QMutexLocker locker(&m_batchLock);
            batch.swap(m_batch);
        }
        if (!batch.isEmpty()) {
            m_server->send(publishMessage(batch));
        }
    }

    void setDegraded(const QString &reason) override
    {
        flush();
        QCborMap m;
        m.insert(QLatin1String("degraded"), reason);
        m_server->send(m);
    }

    void updateNode(const QString &name, const QJsonObject &facts) override
    {
        flush();
        QCborMap m;
        m.insert(QLatin1String("node"), name);
        m.insert(QLatin1String("facts"), QCborValue::fromJsonValue(facts));
        m_server->send(m);
    }

    void callTool(const QString &name, const QJsonObject &arguments, QObject *receiver,
                  std::function<void(const ToolResult &)> done) override
    {
        QCborMap m;
        m.insert(QLatin1String("tool"), name);
        m.insert(QLatin1String("arguments"), QCborValue::fromJsonValue(arguments));
        ask(m, receiver, [done](const QCborMap &answer) {
            if (done) {
                done(toolResultFrom(answer));
            }
        });
    }

    void ask(const QString &question, QObject *receiver,
             std::function<void(const QString &, const QString &)> done) override
    {
        QCborMap m;
        m.insert(QLatin1String("question"), question);
        ask(m, receiver, [done](const QCborMap &answer) {
            if (done) {
                done(answer.value(QLatin1String("text")).toString(),
                     answer.value(QLatin1String("error")).toString());
            }
        });
    }

    /*! The node's answer to a callTool() or ask(). */
    void answered(const QCborMap &answer)
    {
        Pending pending;
        {
            QMutexLocker locker(&m_batchLock);
            pending = m_pending.take(answer.value(QLatin1String("answer")).toInteger());
        }
        if (!pending.receiver || !pending.done) {
            return;
        }
        QMetaObject::invokeMethod(
            pending.receiver.data(), [done = pending.done, answer] { done(answer); },
            Qt::QueuedConnection);
    }

private:
    struct Pending
    {
        QPointer<QObject> receiver;
        std::function<void(const QCborMap &)> done;
    };

    void ask(QCborMap message, QObject *receiver, std::function<void(const QCborMap &)> done)
    {
        qint64 id = 0;
        {
            QMutexLocker locker(&m_batchLock);
            id = ++m_lastAsk;
            m_pending.insert(id, {receiver, std::move(done)});
        }
        message.insert(QLatin1String("ask"), id);
        m_server->send(message);
    }

    static constexpr qsizetype kMaxBatch = 100;

    HostServer *m_server;
    QString m_name;
    QString m_node;
    PluginMetadata m_metadata;
    QJsonObject m_config;
    QMutex m_sendLock;
    QMutex m_batchLock;
    QList<Reading> m_batch;
    qint64 m_lastAsk = 0;
    QHash<qint64, Pending> m_pending;
};

HostServer::HostServer(int fd, QObject *parent)
    : QObject(parent)
    , m_fd(fd)
    , m_reader(fd)
{
}

HostServer::~HostServer()
{
    // The instance object goes before its context and its library.
    m_object.reset();
}

bool HostServer::start()
{
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &HostServer::onReadable);
    QCborMap hello;
    hello.insert(QLatin1String("protocol"), kVersion);
    hello.insert(QLatin1String("pid"), qint64(::getpid()));
    QCborMap m;
    m.insert(QLatin1String("hello"), hello);
    return send(m);
}

bool HostServer::send(const QCborMap &message)
{
    return writeFrame(m_fd, message, &m_writeLock);
}

bool HostServer::send(const QByteArray &message)
{
    return writeFrame(m_fd, message, &m_writeLock);
}

void HostServer::onReadable()
{
    for (;;) {
        QCborMap message;
        switch (m_reader.poll(&message)) {
        case FrameReader::Status::Frame:
            handle(message);
            continue;
        case FrameReader::Status::Published: // the node sends none
            continue;
        case FrameReader::Status::Timeout:
            return;
        case FrameReader::Status::Closed:
            // The node is gone (or closed its end): nothing is left to serve.
            teardown();
            finish(0);
            return;
        case FrameReader::Status::Error:
            qWarning("smollama-plugin-host: %s", qPrintable(m_reader.errorText()));
            teardown();
            finish(2);
            return;
        }
    }
}

void HostServer::handle(const QCborMap &request)
{
    if (request.contains(QLatin1String("answer"))) {
        if (m_context) {
            m_context->answered(request);
        }
        return;
    }
    const QString op = request.value(QLatin1String("op")).toString();
    QCborMap answer;
    if (op == QLatin1String("load")) {
        answer = load(request);
    } else if (op == QLatin1String("check")) {
        answer = check();
    } else if (op == QLatin1String("setup")) {
        answer = setup();
    } else if (op == QLatin1String("read")) {
        answer = read();
    } else if (op == QLatin1String("tool")) {
        answer = callTool(request);
    } else if (op == QLatin1String("write")) {
        answer = write(request);
    } else if (op == QLatin1String("teardown")) {
        answer = teardown();
    } else {
        answer.insert(QLatin1String("error"), QStringLiteral("unknown request '%1'").arg(op));
    }
    if (m_context) {
        m_context->flush(); // what it published before the answer arrives before it
    }
    answer.insert(QLatin1String("id"), request.value(QLatin1String("id")));
    send(answer);
    if (op == QLatin1String("teardown")) {
        finish(0);
    }
}

QCborMap HostServer::load(const QCborMap &request)
{
    QCborMap answer;
    // The node's language, so that the plugin's and the core's messages match the node's.
    const QString language = request.value(QLatin1String("language")).toString();
    installTranslations(language.isEmpty() ? QStringLiteral("en") : language);
    // Every call into the plugin runs on this thread: named as the instance's thread is in
    // smollama's process.
    QThread::currentThread()->setObjectName(
        PluginInstance::threadName(request.value(QLatin1String("instance")).toString()));
    m_spec = std::make_unique<PluginSpec>();
    m_spec->path = request.value(QLatin1String("path")).toString();
    m_spec->metadata =
        PluginMetadata(request.value(QLatin1String("manifest")).toJsonValue().toObject());
    if (!PluginDiscovery::ensureLoaded(m_spec.get())) {
        answer.insert(QLatin1String("state"), int(m_spec->loadState));
        answer.insert(QLatin1String("message"), m_spec->loadError);
        return answer;
    }
    QObject *object = nullptr;
    try {
        object = m_spec->factory->create();
    } catch (...) {
        answer.insert(QLatin1String("state"), int(PluginState::Failed));
        answer.insert(QLatin1String("message"), currentExceptionText("the factory's create()"));
        return answer;
    }
    m_object.reset(object);
    m_plugin = qobject_cast<Plugin *>(object);
    m_readings = qobject_cast<ReadingProvider *>(object);
    m_tools = qobject_cast<ToolProvider *>(object);
    m_sink = qobject_cast<ReadingSink *>(object);
    QCborArray interfaces;
    if (m_plugin) {
        interfaces.append(QStringLiteral("plugin"));
    }
    if (m_readings) {
        interfaces.append(QStringLiteral("readings"));
    }
    if (m_tools) {
        interfaces.append(QStringLiteral("tools"));
    }
    if (m_sink) {
        interfaces.append(QStringLiteral("sink"));
    }
    answer.insert(QLatin1String("created"), object != nullptr);
    answer.insert(QLatin1String("interfaces"), interfaces);
    m_config = request.value(QLatin1String("config")).toJsonValue().toObject();
    m_context = std::make_unique<HostContext>(this, request);
    return answer;
}

QCborMap HostServer::check()
{
    Result result = Result::error(QStringLiteral("no plugin instance in this host"));
    if (m_plugin) {
        try {
            result = m_plugin->checkDependencies(m_config);
        } catch (...) {
            result = Result::error(currentExceptionText("checkDependencies()"));
        }
    }
    QCborMap answer;
    putResult(answer, result);
    return answer;
}

QCborMap HostServer::setup()
{
    Result result = Result::error(QStringLiteral("no plugin instance in this host"));
    if (m_plugin) {
        try {
            result = m_plugin->setup(m_config, m_context.get());
        } catch (...) {
            result = Result::error(currentExceptionText("setup()"));
        }
    }
    QCborMap answer;
    m_setUp = result.isOk();
    if (m_setUp) {
        // What the instance declares, as the node asks for it right after setup().
        try {
            QCborArray sources;
            if (m_readings) {
                for (const SourceInfo &info : m_readings->sources()) {
                    sources.append(toCbor(info));
                }
            }
            QCborArray tools;
            if (m_tools) {
                for (Tool *tool : m_tools->tools()) {
                    if (!tool) {
                        continue;
                    }
                    QCborMap t;
                    t.insert(QLatin1String("name"), tool->name());
                    t.insert(QLatin1String("description"), tool->description());
                    t.insert(QLatin1String("parameters"),
                             QCborValue::fromJsonValue(tool->parametersSchema()));
                    tools.append(t);
                    m_toolByName.insert(tool->name(), tool);
                }
            }
            answer.insert(QLatin1String("sources"), sources);
            answer.insert(QLatin1String("tools"), tools);
        } catch (...) {
            answer.insert(QLatin1String("declareError"), currentExceptionText("sources()/tools()"));
        }
    }
    putResult(answer, result);
    return answer;
}

QCborMap HostServer::read()
{
    QCborMap answer;
    if (!m_readings || !m_setUp) {
        answer.insert(QLatin1String("error"), QStringLiteral("the instance is not set up"));
        return answer;
    }
    try {
        answer.insert(QLatin1String("readings"), toCbor(m_readings->read()));
    } catch (const std::exception &e) {
        answer.insert(QLatin1String("threw"), QString::fromLocal8Bit(e.what()));
    } catch (...) {
        answer.insert(QLatin1String("threw"), QString());
    }
    return answer;
}

QCborMap HostServer::write(const QCborMap &request)
{
    QCborMap answer;
    if (!m_sink || !m_setUp) {
        answer.insert(QLatin1String("error"), QStringLiteral("the instance is not set up"));
        return answer;
    }
    const QList<Reading> readings =
        readingsFromCbor(request.value(QLatin1String("readings")).toArray());
    if (readings.isEmpty()) {
        return answer;
    }
    // write() must not throw; what it throws goes to the node, which says so as for an
    // instance in its own process (the batch is lost).
    try {
        m_sink->write(readings);
    } catch (const std::exception &e) {
        answer.insert(QLatin1String("threw"), QString::fromLocal8Bit(e.what()));
    } catch (...) {
        answer.insert(QLatin1String("threw"), QString());
    }
    return answer;
}

QCborMap HostServer::callTool(const QCborMap &request)
{
    QCborMap answer;
    const QString name = request.value(QLatin1String("name")).toString();
    Tool *tool = m_toolByName.value(name);
    ToolResult result =
        ToolResult::error(QStringLiteral("no tool '%1' in this instance").arg(name));
    if (tool && m_setUp) {
        try {
            result = tool->call(request.value(QLatin1String("arguments")).toJsonValue().toObject());
        } catch (...) {
            result = ToolResult::error(currentExceptionText("the tool"));
        }
    }
    putToolResult(answer, result);
    return answer;
}

QCborMap HostServer::teardown()
{
    QCborMap answer;
    if (!m_setUp || !m_plugin) {
        return answer;
    }
    m_setUp = false;
    // What it threw goes to the node, which says so as for an instance in its own process.
    try {
        m_plugin->teardown();
    } catch (const std::exception &e) {
        answer.insert(QLatin1String("threw"), QString::fromLocal8Bit(e.what()));
    } catch (...) {
        answer.insert(QLatin1String("threw"), QString());
    }
    return answer;
}

void HostServer::finish(int code)
{
    if (m_notifier) {
        m_notifier->setEnabled(false);
    }
    QCoreApplication::exit(code);
}

} // namespace Smollama
