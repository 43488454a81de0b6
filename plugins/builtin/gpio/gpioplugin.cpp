// SPDX-License-Identifier: GPL-3.0-or-later
#include "gpioplugin.h"

#include "gpiobackend.h"
#include "simgpiobackend.h"

#include <smollama/functiontool.h>
#include <smollama/plugincontext.h>
#include <smollama/pluginfactory.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTimer>

namespace Smollama {

using Internal::GpioBackend;
using Internal::GpioConfig;
using Internal::GpioEdge;
using Internal::GpioEvent;
using Internal::GpioPinConfig;
using Internal::GpioStatus;

namespace {

// The translation context of this file's messages (docs/translations.md).
class GpioPluginTr
{
    Q_DECLARE_TR_FUNCTIONS(GpioPlugin)
};

Q_LOGGING_CATEGORY(lcGpio, "smollama.gpio")

// The kernel keeps at most 31 bytes of a consumer name.
constexpr int s_maxConsumerLength = 31;

// A function, not a static string: the translation is installed after static initialization.
QString simHint()
{
    return GpioPluginTr::tr("use backend: sim to try GPIO without hardware");
}

QString consumerName(const QString &pinName)
{
    return (QStringLiteral("smollama:") + pinName).left(s_maxConsumerLength);
}

QString edgeText(GpioEdge edge)
{
    switch (edge) {
    case GpioEdge::None:
        return {};
    case GpioEdge::Rising:
        return GpioPluginTr::tr("published at once when it turns on");
    case GpioEdge::Falling:
        return GpioPluginTr::tr("published at once when it turns off");
    case GpioEdge::Both:
        return GpioPluginTr::tr("published at once on every change");
    }
    return {};
}

QJsonObject nameSchema(const QString &description)
{
    return {{QStringLiteral("type"), QStringLiteral("string")},
            {QStringLiteral("description"), description}};
}

QJsonObject stateSchema(const QStringList &states, const QString &description)
{
    return {{QStringLiteral("type"), QStringLiteral("string")},
            {QStringLiteral("enum"), QJsonArray::fromStringList(states)},
            {QStringLiteral("description"), description}};
}

QJsonObject objectSchema(const QJsonObject &properties, const QStringList &required)
{
    return {{QStringLiteral("type"), QStringLiteral("object")},
            {QStringLiteral("properties"), properties},
            {QStringLiteral("required"), QJsonArray::fromStringList(required)},
            {QStringLiteral("additionalProperties"), false}};
}

} // namespace

struct GpioPlugin::Line
{
    GpioPinConfig pin;
    std::unique_ptr<QSocketNotifier> notifier;
    std::unique_ptr<QTimer> settleTimer;
    bool lastPublished = false;
};

GpioPlugin::GpioPlugin(QObject *parent)
    : QObject(parent)
{
}

GpioPlugin::~GpioPlugin()
{
    // The host always tears down what it set up; this only guards against a test or a host
    // that did not, so no line stays claimed and no output stays on.
    if (m_backend) {
        releaseLines();
    }
}

Result GpioPlugin::openBackend(const QJsonObject &config, GpioConfig *parsed,
                               std::unique_ptr<GpioBackend> *backend) const
{
    if (Result r = parsed->parse(config); !r.isOk()) {
        return r;
    }
    if (parsed->backend() == GpioConfig::Backend::Sim) {
        *backend = std::make_unique<Internal::SimGpioBackend>();
    } else {
        *backend = GpioBackend::createLibgpiod();
        if (!*backend) {
            return Result::error(GpioPluginTr::tr("this smollama was built without libgpiod "
                                                  "(SMOLLAMA_WITH_GPIO=OFF): rebuild it with "
                                                  "libgpiod-dev installed, or %1")
                                     .arg(simHint()));
        }
    }

    const GpioStatus opened = (*backend)->open(parsed->chip());
    switch (opened.code) {
    case GpioStatus::Code::Ok:
        break;
    case GpioStatus::Code::NoChip:
        backend->reset();
        return Result::error(QStringLiteral("%1; %2").arg(opened.message, simHint()));
    case GpioStatus::Code::UnknownChip:
        backend->reset();
        return Result::invalidConfig(opened.message);
    case GpioStatus::Code::Busy:
    case GpioStatus::Code::Error:
        backend->reset();
        return Result::error(opened.message);
    }

    if (Result r = parsed->checkLines((*backend)->lineCount(), (*backend)->chipName()); !r.isOk()) {
        backend->reset();
        return r;
    }
    return Result::ok();
}

Result GpioPlugin::checkDependencies(const QJsonObject &config)
{
    // Look, never claim: the chip is opened to count its lines, no line is requested.
    try {
        GpioConfig parsed;
        std::unique_ptr<GpioBackend> backend;
        return openBackend(config, &parsed, &backend);
    } catch (...) {
        return Result::error(GpioPluginTr::tr("checking the GPIO chip failed unexpectedly"));
    }
}

Result GpioPlugin::setup(const QJsonObject &config, PluginContext *context)
{
    try {
        if (m_backend) {
            teardown();
        }
        m_context = context;
        m_instance = context ? context->instanceName() : QStringLiteral("gpio");
        if (Result r = openBackend(config, &m_config, &m_backend); !r.isOk()) {
            return r;
        }
        m_sim = m_config.backend() == GpioConfig::Backend::Sim
                    ? static_cast<Internal::SimGpioBackend *>(m_backend.get())
                    : nullptr;
        m_simChip = m_sim ? m_sim->chipName() : QString();
        if (m_sim) {
            const QMap<int, QString> &busy = m_config.simBusy();
            for (auto it = busy.constBegin(); it != busy.constEnd(); ++it) {
                m_sim->holdForOther(it.key(), it.value());
            }
        }
        if (Result r = claimLines(); !r.isOk()) {
            releaseLines();
            return r;
        }
        createTools();
        qCDebug(lcGpio).noquote() << QStringLiteral("%1: set up %2 pins on %3 (%4, backend %5)")
                                         .arg(m_instance)
                                         .arg(m_lines.size())
                                         .arg(m_backend->chipName(), m_backend->chipLabel(),
                                              m_backend->name());
        return Result::ok();
    } catch (...) {
        if (m_backend) {
            releaseLines();
        }
        return Result::error(GpioPluginTr::tr("setting up the GPIO lines failed unexpectedly"));
    }
}

Result GpioPlugin::claimLines()
{
    for (const GpioPinConfig &pin : m_config.pins()) {
        const QString consumer = consumerName(pin.name);
        const GpioStatus status =
            pin.output
                ? m_backend->requestOutput(pin.pin, consumer, pin.activeLow, pin.initial)
                : m_backend->requestInput(pin.pin, consumer, pin.bias, pin.activeLow, pin.edge);
        if (status.code == GpioStatus::Code::Busy) {
            const QString holder = status.message.isEmpty()
                                       ? GpioPluginTr::tr("another program (it gave no name)")
                                       : QStringLiteral("\"%1\"").arg(status.message);
            return Result::error(GpioPluginTr::tr("line %1 (%2) is busy: used by %3; free it "
                                                  "(disable the overlay or stop the program "
                                                  "using it) or choose another pin")
                                     .arg(pin.pin)
                                     .arg(pin.name, holder));
        }
        if (!status.isOk()) {
            return Result::error(GpioPluginTr::tr("%1: cannot claim line %2 of %3: %4")
                                     .arg(pin.label())
                                     .arg(pin.pin)
                                     .arg(m_backend->chipName(), status.message));
        }

        auto line = std::make_unique<Line>();
        line->pin = pin;
        Line *raw = line.get();
        m_lines.push_back(std::move(line));

        bool on = false;
        if (m_backend->value(pin.pin, &on).isOk()) {
            raw->lastPublished = on;
        }
        if (pin.output || pin.edge == GpioEdge::None) {
            continue;
        }
        const int fd = m_backend->eventFd(pin.pin);
        if (fd < 0) {
            return Result::error(GpioPluginTr::tr("%1: line %2 has no event file descriptor")
                                     .arg(pin.label())
                                     .arg(pin.pin));
        }
        // Created here, on the instance's thread: its event loop delivers the edges.
        raw->notifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
        connect(raw->notifier.get(), &QSocketNotifier::activated, this,
                [this, raw] { readEvents(raw); });
        if (pin.debounceMs > 0) {
            raw->settleTimer = std::make_unique<QTimer>();
            raw->settleTimer->setSingleShot(true);
            raw->settleTimer->setTimerType(Qt::PreciseTimer);
            raw->settleTimer->setInterval(pin.debounceMs);
            connect(raw->settleTimer.get(), &QTimer::timeout, this, [this, raw] { settled(raw); });
        }
    }
    return Result::ok();
}

void GpioPlugin::readEvents(Line *line)
{
    QList<GpioEvent> events;
    const GpioStatus status = m_backend ? m_backend->readEvents(line->pin.pin, &events)
                                        : GpioStatus::error(GpioPluginTr::tr("not set up"));
    if (!status.isOk()) {
        // A broken fd stays readable: stop watching it instead of spinning.
        line->notifier->setEnabled(false);
        qCWarning(lcGpio).noquote()
            << m_instance << line->pin.label() << "edge events stopped:" << status.message;
        if (m_context) {
            m_context->publish(Reading::error(
                line->pin.name,
                GpioPluginTr::tr("edge events of line %1 stopped: %2; the value is still polled")
                    .arg(line->pin.pin)
                    .arg(status.message)));
        }
        return;
    }
    if (events.isEmpty()) {
        return;
    }
    if (line->settleTimer) {
        // Wait until the line has been quiet for debounce_ms; each edge starts the wait anew.
        line->settleTimer->start();
        return;
    }
    for (const GpioEvent &event : std::as_const(events)) {
        publish(line, event.rising);
    }
}

void GpioPlugin::settled(Line *line)
{
    if (!m_backend) {
        return;
    }
    bool on = false;
    const GpioStatus status = m_backend->value(line->pin.pin, &on);
    if (!status.isOk()) {
        if (m_context) {
            m_context->publish(Reading::error(line->pin.name, status.message));
        }
        return;
    }
    // Only what the edge setting asks for: a bounce that ends where it began is no change,
    // and a rising-only input never reports turning off.
    bool wanted = false;
    switch (line->pin.edge) {
    case GpioEdge::None:
        break;
    case GpioEdge::Rising:
        wanted = on;
        break;
    case GpioEdge::Falling:
        wanted = !on;
        break;
    case GpioEdge::Both:
        wanted = on != line->lastPublished;
        break;
    }
    if (wanted) {
        publish(line, on);
    }
}

void GpioPlugin::publish(Line *line, bool on)
{
    line->lastPublished = on;
    if (m_context) {
        m_context->publish(Reading(line->pin.name, on));
    }
}

void GpioPlugin::releaseLines()
{
    // Stop watching before the descriptors close.
    for (const auto &line : m_lines) {
        line->notifier.reset();
        line->settleTimer.reset();
    }
    if (m_backend) {
        for (const auto &line : m_lines) {
            if (!line->pin.output) {
                continue;
            }
            const GpioStatus status = m_backend->setValue(line->pin.pin, line->pin.safeState);
            if (!status.isOk()) {
                qCWarning(lcGpio).noquote()
                    << m_instance << line->pin.label() << "could not be set to its safe state"
                    << GpioConfig::stateName(line->pin.safeState) << ":" << status.message;
            }
        }
        m_backend->releaseAll();
    }
    m_backend.reset();
    m_sim = nullptr;
    m_lines.clear();
}

void GpioPlugin::teardown()
{
    try {
        m_tools.clear();
        releaseLines();
        m_context = nullptr;
    } catch (...) {
        qCWarning(lcGpio) << "teardown failed unexpectedly";
    }
}

QList<SourceInfo> GpioPlugin::sources() const
{
    QList<SourceInfo> infos;
    const QString chip = m_backend ? m_backend->chipName() : QString();
    for (const auto &line : m_lines) {
        const GpioPinConfig &pin = line->pin;
        SourceInfo info;
        info.id = pin.name;
        info.label = QStringLiteral("%1 (GPIO %2)").arg(pin.name).arg(pin.pin);
        info.unit = QString();
        QString description = (pin.output ? GpioPluginTr::tr("Output GPIO %1 on %2%3: true when on")
                                          : GpioPluginTr::tr("Input GPIO %1 on %2%3: true when on"))
                                  .arg(pin.pin)
                                  .arg(chip, m_sim ? GpioPluginTr::tr(" (simulated)") : QString());
        if (pin.activeLow) {
            description += GpioPluginTr::tr(" (active low: on means electrically low)");
        }
        if (pin.output) {
            description += GpioPluginTr::tr("; switch it with gpio_write");
        } else if (pin.edge != GpioEdge::None) {
            description += QStringLiteral("; ") + edgeText(pin.edge);
            if (pin.debounceMs > 0) {
                description += GpioPluginTr::tr(" (debounced %1 ms)").arg(pin.debounceMs);
            }
        }
        info.description = description;
        infos.append(info);
    }
    return infos;
}

QList<Reading> GpioPlugin::read()
{
    QList<Reading> readings;
    for (const auto &line : m_lines) {
        bool on = false;
        const GpioStatus status =
            m_backend ? m_backend->value(line->pin.pin, &on)
                      : GpioStatus::error(GpioPluginTr::tr("the gpio plugin is not set up"));
        if (status.isOk()) {
            readings.append(Reading(line->pin.name, on));
        } else {
            readings.append(Reading::error(line->pin.name, status.message));
        }
    }
    return readings;
}

QList<Tool *> GpioPlugin::tools() const
{
    QList<Tool *> list;
    for (const auto &tool : m_tools) {
        list.append(tool.get());
    }
    return list;
}

QString GpioPlugin::pinList(bool outputsOnly, bool inputsOnly) const
{
    QStringList names;
    for (const auto &line : m_lines) {
        if ((outputsOnly && !line->pin.output) || (inputsOnly && line->pin.output)) {
            continue;
        }
        names.append(QStringLiteral("%1 (GPIO %2)").arg(line->pin.name).arg(line->pin.pin));
    }
    return names.join(QLatin1String(", "));
}

QJsonObject GpioPlugin::outputNameSchema() const
{
    // The names as an enum: the model cannot invent a pin, and the dashboard finds the
    // outputs to show as toggles (docs/plugin-development.md, "Outputs on the dashboard").
    QStringList outputs;
    for (const auto &line : m_lines) {
        if (line->pin.output) {
            outputs.append(line->pin.name);
        }
    }
    QJsonObject schema = nameSchema(QStringLiteral("The output's name"));
    schema.insert(QStringLiteral("enum"), QJsonArray::fromStringList(outputs));
    return schema;
}

void GpioPlugin::createTools()
{
    m_tools.clear();
    bool hasOutput = false;
    bool hasInput = false;
    for (const auto &line : m_lines) {
        (line->pin.output ? hasOutput : hasInput) = true;
    }
    if (m_lines.empty()) {
        return;
    }

    m_tools.push_back(std::make_unique<FunctionTool>(
        QStringLiteral("gpio_read"),
        QStringLiteral("Reads the current state (on or off) of a GPIO pin of this node. Pins: "
                       "%1.")
            .arg(pinList(false, false)),
        objectSchema({{QStringLiteral("name"), nameSchema(QStringLiteral("The pin's name"))}},
                     {QStringLiteral("name")}),
        [this](const QJsonObject &arguments) { return readPin(arguments); }));

    if (hasOutput) {
        m_tools.push_back(std::make_unique<FunctionTool>(
            QStringLiteral("gpio_write"),
            QStringLiteral("Switches a GPIO output of this node on or off, or toggles it, and "
                           "returns its new state. Outputs: %1. Inputs cannot be written.")
                .arg(pinList(true, false)),
            objectSchema({{QStringLiteral("name"), outputNameSchema()},
                          {QStringLiteral("state"),
                           stateSchema({QStringLiteral("on"), QStringLiteral("off"),
                                        QStringLiteral("toggle")},
                                       QStringLiteral("on, off, or toggle to invert it"))}},
                         {QStringLiteral("name"), QStringLiteral("state")}),
            [this](const QJsonObject &arguments) { return writePin(arguments); }));
    }

    if (m_sim && hasInput) {
        m_tools.push_back(std::make_unique<FunctionTool>(
            QStringLiteral("gpio_simulate"),
            QStringLiteral("Simulated GPIO only (no hardware): sets a simulated input on or off "
                           "as if a button were pressed or released; the change is published "
                           "like a real edge. Inputs: %1.")
                .arg(pinList(false, true)),
            objectSchema({{QStringLiteral("name"), nameSchema(QStringLiteral("The input's "
                                                                             "name"))},
                          {QStringLiteral("state"),
                           stateSchema({QStringLiteral("on"), QStringLiteral("off")},
                                       QStringLiteral("The input's new logical state"))}},
                         {QStringLiteral("name"), QStringLiteral("state")}),
            [this](const QJsonObject &arguments) { return simulatePin(arguments); }));
    }
}

GpioPlugin::Line *GpioPlugin::findLine(const QString &name) const
{
    for (const auto &line : m_lines) {
        if (line->pin.name == name) {
            return line.get();
        }
    }
    return nullptr;
}

QJsonObject GpioPlugin::pinState(const Line *line, bool on) const
{
    return {{QStringLiteral("name"), line->pin.name},
            {QStringLiteral("pin"), line->pin.pin},
            {QStringLiteral("mode"),
             line->pin.output ? QStringLiteral("output") : QStringLiteral("input")},
            {QStringLiteral("state"), GpioConfig::stateName(on)}};
}

ToolResult GpioPlugin::readPin(const QJsonObject &arguments)
{
    const QString name = arguments.value(QLatin1String("name")).toString();
    const Line *line = findLine(name);
    if (!line) {
        return ToolResult::error(GpioPluginTr::tr("no pin named '%1'; the pins are: %2")
                                     .arg(name, pinList(false, false)));
    }
    bool on = false;
    const GpioStatus status = m_backend->value(line->pin.pin, &on);
    if (!status.isOk()) {
        return ToolResult::error(GpioPluginTr::tr("reading pin '%1' (%2) failed: %3")
                                     .arg(name)
                                     .arg(line->pin.pin)
                                     .arg(status.message));
    }
    return ToolResult::ok(pinState(line, on));
}

ToolResult GpioPlugin::writePin(const QJsonObject &arguments)
{
    const QString name = arguments.value(QLatin1String("name")).toString();
    const QString state = arguments.value(QLatin1String("state")).toString();
    Line *line = findLine(name);
    if (!line) {
        return ToolResult::error(GpioPluginTr::tr("no pin named '%1'; the output pins are: %2")
                                     .arg(name, pinList(true, false)));
    }
    if (!line->pin.output) {
        return ToolResult::error(
            GpioPluginTr::tr("pin '%1' (%2) is an input; only output pins can be written")
                .arg(name)
                .arg(line->pin.pin));
    }
    bool on = false;
    if (state == QLatin1String("toggle")) {
        const GpioStatus status = m_backend->value(line->pin.pin, &on);
        if (!status.isOk()) {
            return ToolResult::error(GpioPluginTr::tr("reading pin '%1' (%2) to toggle it "
                                                      "failed: %3")
                                         .arg(name)
                                         .arg(line->pin.pin)
                                         .arg(status.message));
        }
        on = !on;
    } else {
        bool ok = false;
        on = GpioConfig::parseState(state, &ok);
        if (!ok) {
            return ToolResult::error(
                GpioPluginTr::tr("state must be on, off or toggle (got '%1')").arg(state));
        }
    }
    const GpioStatus status = m_backend->setValue(line->pin.pin, on);
    if (!status.isOk()) {
        return ToolResult::error(GpioPluginTr::tr("switching pin '%1' (%2) %3 failed: %4")
                                     .arg(name)
                                     .arg(line->pin.pin)
                                     .arg(GpioConfig::stateName(on), status.message));
    }
    // The dashboard and the history see the switch at once, not at the next poll.
    publish(line, on);
    return ToolResult::ok(pinState(line, on));
}

ToolResult GpioPlugin::simulatePin(const QJsonObject &arguments)
{
    if (!m_sim) {
        return ToolResult::error(
            GpioPluginTr::tr("gpio_simulate works only with the simulated chip (backend: sim)"));
    }
    const QString name = arguments.value(QLatin1String("name")).toString();
    const QString state = arguments.value(QLatin1String("state")).toString();
    const Line *line = findLine(name);
    if (!line) {
        return ToolResult::error(GpioPluginTr::tr("no pin named '%1'; the input pins are: %2")
                                     .arg(name, pinList(false, true)));
    }
    if (line->pin.output) {
        return ToolResult::error(GpioPluginTr::tr("pin '%1' (%2) is an output; gpio_simulate "
                                                  "drives simulated inputs only (use gpio_write "
                                                  "for outputs)")
                                     .arg(name)
                                     .arg(line->pin.pin));
    }
    bool ok = false;
    const bool on = GpioConfig::parseState(state, &ok);
    if (!ok) {
        return ToolResult::error(GpioPluginTr::tr("state must be on or off (got '%1')").arg(state));
    }
    const GpioStatus status = m_sim->drive(line->pin.pin, on);
    if (!status.isOk()) {
        return ToolResult::error(GpioPluginTr::tr("simulating pin '%1' (%2) failed: %3")
                                     .arg(name)
                                     .arg(line->pin.pin)
                                     .arg(status.message));
    }
    return ToolResult::ok(pinState(line, on));
}

QJsonObject GpioPlugin::simulatedChip() const
{
    if (m_simChip.isEmpty()) {
        return {};
    }
    return Internal::SimGpioBackend::chipState(m_simChip);
}

} // namespace Smollama

// The library's root object: one GpioPlugin per configured instance.
SMOLLAMA_PLUGIN_FACTORY(GpioPluginFactory, Smollama::GpioPlugin)

#include "gpioplugin.moc"
