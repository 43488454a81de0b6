// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostedinstance.h"
#include "hostedinstance_p.h"

#include "plugins/pluginslog.h"

#include <smollama/plugincontext.h>
#include <smollama/tool.h>

#include <QCborArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QPointer>

#include <algorithm>
#include <stdexcept>

namespace Smollama {

using namespace HostProtocol;
using namespace HostedInstancePrivate;

namespace {

/*! What a read() or teardown() in the host threw that is not a std::exception. */
struct UnknownThrow
{
};

/*! Throws again what the plugin threw in the host, so that the node treats it as it treats
    an instance in its own process. */
void rethrowFrom(const QCborMap &answer)
{
    if (!answer.contains(QLatin1String("threw"))) {
        return;
    }
    const QString what = answer.value(QLatin1String("threw")).toString();
    if (what.isEmpty()) {
        throw UnknownThrow();
    }
    throw std::runtime_error(what.toStdString());
}

} // namespace

/*! A tool of the hosted instance: its description as the host declared it; calls go to the
    host. */
class HostedTool : public Tool
{
public:
    HostedTool(HostedInstance *owner, const QCborMap &declared)
        : m_owner(owner)
        , m_name(declared.value(QLatin1String("name")).toString())
        , m_description(declared.value(QLatin1String("description")).toString())
        , m_parameters(declared.value(QLatin1String("parameters")).toJsonValue().toObject())
    {
    }
    QString name() const override { return m_name; }
    QString description() const override { return m_description; }
    QJsonObject parametersSchema() const override { return m_parameters; }
    ToolResult call(const QJsonObject &arguments) override
    {
        return m_owner->callTool(m_name, arguments);
    }

private:
    HostedInstance *m_owner;
    QString m_name;
    QString m_description;
    QJsonObject m_parameters;
};

HostedInstance::HostedInstance(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    m_reader.setPublishHandler([this](const QList<Reading> &readings) { published(readings); });
}

HostedInstance::~HostedInstance()
{
    stopHost();
}

void HostedInstance::setStateSink(StateSink sink)
{
    m_stateSink = std::move(sink);
}

qint64 HostedInstance::hostPid() const
{
    std::lock_guard lock(m_mutex);
    return m_process.running() ? qint64(m_process.pid()) : 0;
}

int HostedInstance::crashCount() const
{
    std::lock_guard lock(m_mutex);
    return int(m_crashes.size());
}

QCborMap HostedInstance::loadRequest() const
{
    QCborMap request;
    request.insert(QLatin1String("op"), QStringLiteral("load"));
    request.insert(QLatin1String("path"), m_options.library);
    request.insert(QLatin1String("manifest"), QCborValue::fromJsonValue(m_options.manifest));
    request.insert(QLatin1String("instance"), m_options.instance);
    request.insert(QLatin1String("node"), m_options.node);
    request.insert(QLatin1String("config"), QCborValue::fromJsonValue(m_options.config));
    request.insert(QLatin1String("language"), m_options.language);
    return request;
}

bool HostedInstance::spawnLocked(QString *error)
{
    if (!m_process.start(m_options.program, m_options.instance, error)) {
        return false;
    }
    ++m_generation;
    m_reader.setFd(m_process.fd());
    QCborMap hello;
    const FrameReader::Status status = m_reader.next(&hello, kHelloTimeoutMs);
    const QCborMap greeting = hello.value(QLatin1String("hello")).toMap();
    if (status != FrameReader::Status::Frame || greeting.isEmpty()) {
        m_process.kill();
        const int ended = m_process.reap(0);
        *error = status == FrameReader::Status::Timeout
                     ? PluginHostTr::tr("the plugin host %1 did not start within %2 s")
                           .arg(m_options.program, seconds(kHelloTimeoutMs))
                     : PluginHostTr::tr("the plugin host %1 %2 before it said hello")
                           .arg(m_options.program, HostProcess::describe(ended));
        return false;
    }
    const qint64 protocol = greeting.value(QLatin1String("protocol")).toInteger();
    if (protocol != kVersion) {
        m_process.kill();
        m_process.reap(0);
        *error = PluginHostTr::tr("the plugin host %1 speaks protocol %2, this smollama %3: "
                                  "install matching versions")
                     .arg(m_options.program)
                     .arg(protocol)
                     .arg(kVersion);
        return false;
    }
    m_nextMemoryCheck.setRemainingTime(kMemoryCheckMs);
    m_reads = 0; // "read #3" counts the reads of this host: a plugin that always crashes at
                 // its 3rd read says so in every reason
    return true;
}

Result HostedInstance::start(PluginState *state)
{
    *state = PluginState::Failed;
    QString error;
    {
        std::lock_guard lock(m_mutex);
        if (!spawnLocked(&error)) {
            return Result::error(error);
        }
    }
    QCborMap answer;
    if (!exchangeDirect(loadRequest(), PluginHostTr::tr("loading the library"), kHelloTimeoutMs,
                        &answer, &error)) {
        std::lock_guard lock(m_mutex);
        m_process.kill();
        const int ended = m_process.reap(0);
        if (error.isEmpty()) {
            error = PluginHostTr::tr("plugin host %1 while loading the library")
                        .arg(HostProcess::describe(ended));
        }
        return Result::error(error);
    }
    if (answer.contains(QLatin1String("state"))) {
        *state = PluginState(answer.value(QLatin1String("state")).toInteger());
        stopHost();
        return Result::error(answer.value(QLatin1String("message")).toString());
    }
    for (const QCborValue &v : answer.value(QLatin1String("interfaces")).toArray()) {
        m_interfaces.append(v.toString());
    }
    {
        std::lock_guard lock(m_mutex);
        m_ready = true;
    }
    m_supervisor = std::thread([this] { supervise(); });
    return Result::ok();
}

bool HostedInstance::exchangeDirect(QCborMap request, const QString &phase, int timeoutMs,
                                    QCborMap *answer, QString *why)
{
    qint64 id = 0;
    {
        std::lock_guard lock(m_mutex);
        id = ++m_lastId;
        m_currentOp = phase;
        request.insert(QLatin1String("id"), id);
        if (!writeFrame(m_process.fd(), request, nullptr, why)) {
            return false;
        }
    }
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        QCborMap message;
        const qint64 left = deadline.remainingTime();
        switch (m_reader.next(&message, int(std::max<qint64>(0, left)))) {
        case FrameReader::Status::Frame:
            if (message.value(QLatin1String("id")).toInteger() == id) {
                *answer = message;
                std::lock_guard lock(m_mutex);
                m_currentOp.clear();
                return true;
            }
            dispatch(message);
            continue;
        case FrameReader::Status::Published:
        case FrameReader::Status::Timeout:
            if (!deadline.hasExpired()) {
                continue;
            }
            {
                std::lock_guard lock(m_mutex);
                m_killReason = PluginHostTr::tr("%1 did not finish within %2 s; the plugin host "
                                                "was stopped")
                                   .arg(phase, seconds(timeoutMs));
                *why = m_killReason;
                m_process.kill();
            }
            return false;
        case FrameReader::Status::Closed:
        case FrameReader::Status::Error:
            why->clear(); // the exit status says more: the caller reaps
            return false;
        }
    }
}

HostedInstance::CallOutcome HostedInstance::call(QCborMap request, const QString &phase, int hangMs,
                                                 QCborMap *answer, QString *why)
{
    std::unique_lock lock(m_mutex);
    if (!m_ready) {
        *why = m_downReason;
        return CallOutcome::HostDown;
    }
    const quint64 generation = m_generation;
    const qint64 id = ++m_lastId;
    m_currentOp = phase;
    request.insert(QLatin1String("id"), id);
    if (!writeFrame(m_process.fd(), request, nullptr, why)) {
        // The supervisor sees the host go and says why.
        m_changed.wait_for(lock, std::chrono::seconds(2),
                           [&] { return m_generation != generation || !m_ready; });
        *why = m_downReason.isEmpty() ? PluginHostTr::tr("the plugin host is gone") : m_downReason;
        return CallOutcome::HostDown;
    }
    const auto answered = [&] {
        return m_answers.contains(id) || m_generation != generation || !m_ready;
    };
    if (!m_changed.wait_for(lock, std::chrono::milliseconds(hangMs), answered)) {
        m_killReason = PluginHostTr::tr("%1 did not finish within %2 s; the plugin host was "
                                        "stopped")
                           .arg(phase, seconds(hangMs));
        *why = m_killReason;
        m_process.kill();
        m_changed.wait_for(lock, std::chrono::seconds(2),
                           [&] { return m_generation != generation || !m_ready; });
        return CallOutcome::Hung;
    }
    if (m_answers.contains(id)) {
        *answer = m_answers.take(id);
        m_currentOp.clear();
        return CallOutcome::Answered;
    }
    *why = m_downReason;
    return CallOutcome::HostDown;
}

void HostedInstance::stopHost()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_changed.notify_all();
    }
    {
        std::lock_guard supervisorLock(m_supervisorMutex);
        if (m_supervisor.joinable()) {
            m_supervisor.join();
        }
    }
    std::lock_guard lock(m_mutex);
    if (m_process.running()) {
        m_process.closeSocket();
        m_process.reap(1000);
    }
    m_ready = false;
}

void HostedInstance::report(PluginState state, const QString &reason)
{
    if (m_stateSink) {
        m_stateSink(state, reason);
    }
}

Result HostedInstance::checkDependencies(const QJsonObject &config)
{
    Q_UNUSED(config) // the host has it since load
    QCborMap request;
    request.insert(QLatin1String("op"), QStringLiteral("check"));
    QCborMap answer;
    QString why;
    if (call(request, QStringLiteral("checkDependencies()"), m_options.setupTimeoutMs, &answer,
             &why) != CallOutcome::Answered) {
        return Result::error(why);
    }
    return resultFrom(answer);
}

Result HostedInstance::setup(const QJsonObject &config, PluginContext *context)
{
    Q_UNUSED(config)
    {
        std::lock_guard lock(m_mutex);
        m_context = context;
    }
    QCborMap request;
    request.insert(QLatin1String("op"), QStringLiteral("setup"));
    QCborMap answer;
    QString why;
    if (call(request, QStringLiteral("setup()"), m_options.setupTimeoutMs, &answer, &why) !=
        CallOutcome::Answered) {
        return Result::error(why);
    }
    const Result result = resultFrom(answer);
    if (!result.isOk()) {
        return result;
    }
    if (answer.contains(QLatin1String("declareError"))) {
        return Result::error(answer.value(QLatin1String("declareError")).toString());
    }
    m_sources.clear();
    for (const QCborValue &v : answer.value(QLatin1String("sources")).toArray()) {
        m_sources.append(sourceFromCbor(v.toMap()));
    }
    m_tools.clear();
    for (const QCborValue &v : answer.value(QLatin1String("tools")).toArray()) {
        m_tools.push_back(std::make_unique<HostedTool>(this, v.toMap()));
    }
    std::lock_guard lock(m_mutex);
    m_setUp = true;
    return result;
}

void HostedInstance::teardown()
{
    QCborMap request;
    request.insert(QLatin1String("op"), QStringLiteral("teardown"));
    QCborMap answer;
    QString why;
    {
        std::lock_guard lock(m_mutex);
        m_setUp = false;
        m_tearingDown = true;
    }
    if (call(request, QStringLiteral("teardown()"), m_options.teardownTimeoutMs, &answer, &why) ==
        CallOutcome::Hung) {
        qCWarning(lcPlugins, "Plugin instance %s: %s", qPrintable(m_options.instance),
                  qPrintable(why));
    }
    stopHost();
    rethrowFrom(answer);
}

QList<SourceInfo> HostedInstance::sources() const
{
    return m_sources;
}

QList<Reading> HostedInstance::read()
{
    QCborMap request;
    request.insert(QLatin1String("op"), QStringLiteral("read"));
    QCborMap answer;
    QString why;
    QString phase;
    {
        // Only reads that reach the host count: reads while it is started again do not.
        std::lock_guard lock(m_mutex);
        if (m_ready) {
            phase = PluginHostTr::tr("read #%1").arg(++m_reads);
        } else {
            why = m_downReason;
        }
    }
    if (!phase.isEmpty() &&
        call(request, phase, m_options.readHangMs, &answer, &why) == CallOutcome::Answered) {
        rethrowFrom(answer);
        if (!answer.contains(QLatin1String("error"))) {
            return readingsFromCbor(answer.value(QLatin1String("readings")).toArray());
        }
        why = answer.value(QLatin1String("error")).toString();
    }
    QList<Reading> readings;
    for (const SourceInfo &info : std::as_const(m_sources)) {
        readings.append(Reading::error(info.id, why, info.unit));
    }
    return readings;
}

void HostedInstance::write(const QList<Reading> &readings)
{
    // In frames well under the protocol's 1 MiB.
    constexpr qsizetype kPerFrame = 1000;
    for (qsizetype i = 0; i < readings.size(); i += kPerFrame) {
        QCborMap request;
        request.insert(QLatin1String("op"), QStringLiteral("write"));
        request.insert(QLatin1String("readings"), toCbor(readings.mid(i, kPerFrame)));
        QCborMap answer;
        QString why;
        if (call(request, QStringLiteral("write()"), m_options.toolHangMs, &answer, &why) !=
            CallOutcome::Answered) {
            return; // the host ended or hung: the rest of the batch is lost, its status says why
        }
        rethrowFrom(answer);
    }
}

QList<Tool *> HostedInstance::tools() const
{
    QList<Tool *> tools;
    for (const auto &tool : m_tools) {
        tools.append(tool.get());
    }
    return tools;
}

ToolResult HostedInstance::callTool(const QString &name, const QJsonObject &arguments)
{
    QCborMap request;
    request.insert(QLatin1String("op"), QStringLiteral("tool"));
    request.insert(QLatin1String("name"), name);
    request.insert(QLatin1String("arguments"), QCborValue::fromJsonValue(arguments));
    QCborMap answer;
    QString why;
    if (call(request, PluginHostTr::tr("a call of tool %1").arg(name), m_options.toolHangMs,
             &answer, &why) != CallOutcome::Answered) {
        return ToolResult::error(why);
    }
    return toolResultFrom(answer);
}

} // namespace Smollama
