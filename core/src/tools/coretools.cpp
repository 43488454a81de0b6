// SPDX-License-Identifier: GPL-3.0-or-later
#include "coretools.h"

#include "history/readinghistory.h"
#include "plugins/pluginmanager.h"
#include "readings/readingmanager.h"
#include "toolregistry.h"
#include "util/didyoumean.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>

#include <cmath>

namespace Smollama {

namespace {

// The translation context of this file's messages (docs/translations.md).
class CoreToolsTr
{
    Q_DECLARE_TR_FUNCTIONS(ToolRegistry)
};

QJsonObject object(std::initializer_list<QPair<QString, QJsonValue>> pairs)
{
    QJsonObject out;
    for (const auto &pair : pairs) {
        out.insert(pair.first, pair.second);
    }
    return out;
}

QJsonObject stringProperty(const QString &description)
{
    return object({{QStringLiteral("type"), QStringLiteral("string")},
                   {QStringLiteral("description"), description}});
}

QJsonValue number(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue();
}

// The sources of \a node (this node's when empty): declared ones and those with a reading.
QStringList knownSources(ReadingManager *readings, const QString &node = QString())
{
    QStringList out;
    const bool local = node.isEmpty() || node == readings->localNode();
    if (local) {
        for (const SourceDescription &d : readings->sources()) {
            out.append(d.source);
        }
    }
    for (const Reading &r : readings->latestOf(local ? readings->localNode() : node)) {
        if (!out.contains(r.source())) {
            out.append(r.source());
        }
    }
    out.sort();
    return out;
}

// The other nodes that have \a source, for "did you mean node X".
QStringList nodesWith(ReadingManager *readings, const QString &source)
{
    QStringList out;
    const QString local = readings->localNode();
    for (const Reading &r : readings->latest()) {
        if (r.source() == source && r.node() != local && !out.contains(r.node())) {
            out.append(r.node());
        }
    }
    return out;
}

// The node a tool call names: empty (this node) or one with readings; else the error text.
QString unknownNodeText(ReadingManager *readings, const QString &node)
{
    QStringList nodes;
    for (const Reading &r : readings->latest()) {
        if (!nodes.contains(r.node())) {
            nodes.append(r.node());
        }
    }
    if (node.isEmpty() || node == readings->localNode() || nodes.contains(node)) {
        return QString();
    }
    return CoreToolsTr::tr("unknown node '%1'%2. Known nodes: %3.")
        .arg(node, didYouMeanSuffix(node, nodes), nodes.join(QLatin1String(", ")));
}

// Names sharing a part with the unknown one ("cpu_temp" → "system:cpu_temp"), then typos.
QStringList similarNames(const QString &word, const QStringList &candidates)
{
    QStringList out;
    const QString lower = word.toLower();
    const QString local = lower.section(QLatin1Char(':'), -1);
    for (const QString &c : candidates) {
        const QString cl = c.toLower();
        if (!local.isEmpty() && cl.contains(local)) {
            out.append(c);
        }
    }
    const QString typo = didYouMean(word, candidates);
    if (!typo.isEmpty() && !out.contains(typo)) {
        out.append(typo);
    }
    return out;
}

QString unknownSourceText(const QString &source, const QStringList &known,
                          const QStringList &otherNodes = QStringList())
{
    if (!otherNodes.isEmpty()) {
        return CoreToolsTr::tr("source '%1' is not one of this node's; %n node(s) have it (%2): "
                               "give the node too.",
                               nullptr, int(otherNodes.size()))
            .arg(source, otherNodes.join(QLatin1String(", ")));
    }
    const QStringList similar = similarNames(source, known);
    QString text = CoreToolsTr::tr("unknown source '%1'.").arg(source);
    if (!similar.isEmpty()) {
        text += QStringLiteral(" Did you mean: %1?").arg(similar.join(QLatin1String(", ")));
    }
    text += known.isEmpty()
                ? CoreToolsTr::tr(" No source is available: no sensor plugin is running "
                                  "(call plugin_status to see why).")
                : QStringLiteral(" Known sources: %1.").arg(known.join(QLatin1String(", ")));
    return text;
}

} // namespace

QStringList registerCoreTools(ToolRegistry *registry, const CoreToolSources &sources)
{
    QStringList errors;
    const auto add = [&](ToolRegistry::ToolSpec spec) {
        const QString error = registry->registerTool(spec);
        if (!error.isEmpty()) {
            errors.append(error);
        }
    };
    const QJsonObject sourceProperty = stringProperty(
        QStringLiteral("The source id \"<instance>:<id>\", e.g. \"system:cpu_temp\" (see "
                       "list_sources)."));
    const QJsonObject nodeProperty = stringProperty(
        QStringLiteral("The node the source belongs to, as list_sources shows it; leave it out "
                       "for this node's sources."));

    if (sources.readings) {
        QPointer<ReadingManager> readings(sources.readings);
        ToolRegistry::ToolSpec list;
        list.name = QStringLiteral("list_sources");
        list.description = QStringLiteral(
            "Lists the sensor sources with their node, label, unit, description and latest "
            "value: this node's and those of the other nodes of the fleet (other Raspberry Pis "
            "whose readings this node receives). Give node to list one node's only. Use it to "
            "find the source id (and node) for read_source.");
        list.parameters =
            object({{QStringLiteral("type"), QStringLiteral("object")},
                    {QStringLiteral("properties"),
                     object({{QStringLiteral("node"),
                              stringProperty(QStringLiteral(
                                  "Only this node's sources; leave it out for every node."))}})}});
        list.handler = [readings](const QJsonObject &args) {
            if (!readings) {
                return ToolResult::error(CoreToolsTr::tr("readings are not available"));
            }
            const QString node = args.value(QStringLiteral("node")).toString();
            if (const QString bad = unknownNodeText(readings, node); !bad.isEmpty()) {
                return ToolResult::error(bad);
            }
            const QString local = readings->localNode();
            QJsonArray out;
            const auto valueOf = [](QJsonObject &row, const Reading &r) {
                const QJsonObject json = r.toJson();
                row.insert(QStringLiteral("value"), json.value(QStringLiteral("value")));
                row.insert(QStringLiteral("quality"), json.value(QStringLiteral("quality")));
                if (r.quality() != Reading::Quality::Ok) {
                    row.insert(QStringLiteral("message"), r.message());
                }
            };
            if (node.isEmpty() || node == local) {
                QStringList listed;
                for (const SourceDescription &d : readings->sources()) {
                    const Reading latest = readings->latest(d.source);
                    QJsonObject row{{QStringLiteral("node"), local},
                                    {QStringLiteral("source"), d.source},
                                    {QStringLiteral("label"), d.info.label},
                                    {QStringLiteral("unit"), d.info.unit},
                                    {QStringLiteral("description"), d.info.description}};
                    if (latest.isValid()) {
                        valueOf(row, latest);
                    }
                    out.append(row);
                    listed.append(d.source);
                }
                // Sources a plugin pushed without declaring them.
                for (const Reading &r : readings->latestOf(local)) {
                    if (!listed.contains(r.source())) {
                        QJsonObject row{{QStringLiteral("node"), local},
                                        {QStringLiteral("source"), r.source()},
                                        {QStringLiteral("unit"), r.unit()}};
                        valueOf(row, r);
                        out.append(row);
                    }
                }
            }
            // Other nodes' sources, as their readings came.
            for (const Reading &r : readings->latest()) {
                if (r.node() == local || (!node.isEmpty() && r.node() != node)) {
                    continue;
                }
                QJsonObject row{{QStringLiteral("node"), r.node()},
                                {QStringLiteral("source"), r.source()},
                                {QStringLiteral("unit"), r.unit()}};
                valueOf(row, r);
                out.append(row);
            }
            return ToolResult::ok(out);
        };
        add(list);

        ToolRegistry::ToolSpec read;
        read.name = QStringLiteral("read_source");
        read.description = QStringLiteral(
            "Returns the latest reading of one source: node, value, unit, timestamp (UTC), "
            "quality (ok, stale, error) and a message when it is not ok. Give node for a source "
            "of another node of the fleet.");
        read.parameters = object(
            {{QStringLiteral("type"), QStringLiteral("object")},
             {QStringLiteral("properties"), object({{QStringLiteral("source"), sourceProperty},
                                                    {QStringLiteral("node"), nodeProperty}})},
             {QStringLiteral("required"), QJsonArray{QStringLiteral("source")}}});
        read.handler = [readings](const QJsonObject &args) {
            if (!readings) {
                return ToolResult::error(CoreToolsTr::tr("readings are not available"));
            }
            const QString source = args.value(QStringLiteral("source")).toString();
            const QString node = args.value(QStringLiteral("node")).toString();
            if (const QString bad = unknownNodeText(readings, node); !bad.isEmpty()) {
                return ToolResult::error(bad);
            }
            const Reading r = readings->latest(node, source);
            if (!r.isValid()) {
                const QStringList known = knownSources(readings, node);
                if (known.contains(source)) {
                    return ToolResult::error(
                        CoreToolsTr::tr("source '%1' has no reading yet; try again in a few "
                                        "seconds")
                            .arg(source));
                }
                return ToolResult::error(unknownSourceText(
                    source, known, node.isEmpty() ? nodesWith(readings, source) : QStringList()));
            }
            return ToolResult::ok(r.toJson());
        };
        add(read);
    }

    if (sources.history) {
        ReadingHistory *history = sources.history;
        QPointer<ReadingManager> readings(sources.readings);
        ToolRegistry::ToolSpec spec;
        spec.name = QStringLiteral("get_reading_history");
        spec.description = QStringLiteral(
            "Summarises the recent values of one numeric source: min, max, avg, last and count "
            "over the last N minutes (up to 24 h). Give node for a source of another node of "
            "the fleet.");
        spec.parameters = object(
            {{QStringLiteral("type"), QStringLiteral("object")},
             {QStringLiteral("properties"),
              object({{QStringLiteral("source"), sourceProperty},
                      {QStringLiteral("node"), nodeProperty},
                      {QStringLiteral("minutes"),
                       object({{QStringLiteral("type"), QStringLiteral("number")},
                               {QStringLiteral("minimum"), 1},
                               {QStringLiteral("maximum"), 1440},
                               {QStringLiteral("description"),
                                QStringLiteral("How many minutes back to look (1 to 1440).")}})}})},
             {QStringLiteral("required"),
              QJsonArray{QStringLiteral("source"), QStringLiteral("minutes")}}});
        spec.handler = [history, readings](const QJsonObject &args) {
            const QString source = args.value(QStringLiteral("source")).toString();
            const QString node = args.value(QStringLiteral("node")).toString();
            const double minutes = args.value(QStringLiteral("minutes")).toDouble();
            if (readings) {
                if (const QString bad = unknownNodeText(readings, node); !bad.isEmpty()) {
                    return ToolResult::error(bad);
                }
            }
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            const HistorySummary s =
                history->summary(node, source, now - qint64(minutes * 60000.0), now);
            if (s.isEmpty()) {
                QStringList known = history->sources(node);
                QStringList otherNodes;
                if (readings) {
                    for (const QString &k : knownSources(readings, node)) {
                        if (!known.contains(k)) {
                            known.append(k);
                        }
                    }
                    if (node.isEmpty()) {
                        otherNodes = nodesWith(readings, source);
                    }
                }
                if (!known.contains(source)) {
                    return ToolResult::error(unknownSourceText(source, known, otherNodes));
                }
                return ToolResult::error(
                    CoreToolsTr::tr("source '%1' has no numeric values in the last %2 minutes")
                        .arg(source, QString::number(minutes)));
            }
            return ToolResult::ok(QJsonObject{
                {QStringLiteral("node"),
                 node.isEmpty() ? (readings ? readings->localNode() : history->localNode()) : node},
                {QStringLiteral("source"), source},
                {QStringLiteral("unit"), history->unit(node, source)},
                {QStringLiteral("minutes"), minutes},
                {QStringLiteral("min"), number(s.min)},
                {QStringLiteral("max"), number(s.max)},
                {QStringLiteral("avg"), number(s.avg)},
                {QStringLiteral("last"), number(s.last)},
                {QStringLiteral("count"), s.count},
                {QStringLiteral("from"),
                 QDateTime::fromMSecsSinceEpoch(s.firstMs, Qt::UTC).toString(Qt::ISODateWithMs)},
                {QStringLiteral("to"),
                 QDateTime::fromMSecsSinceEpoch(s.lastMs, Qt::UTC).toString(Qt::ISODateWithMs)}});
        };
        add(spec);
    }

    if (sources.plugins) {
        QPointer<PluginManager> plugins(sources.plugins);
        ToolRegistry::ToolSpec spec;
        spec.name = QStringLiteral("plugin_status");
        spec.description = QStringLiteral(
            "Returns the status of the plugin instances (loaded, retrying, failed, "
            "missing_dependencies, "
            "invalid_config, ...) with the reason. Use it to explain why a sensor or tool is "
            "missing.");
        spec.parameters = object(
            {{QStringLiteral("type"), QStringLiteral("object")},
             {QStringLiteral("properties"),
              object({{QStringLiteral("name"),
                       stringProperty(QStringLiteral(
                           "An instance or plugin name; leave it out for every plugin."))}})}});
        spec.handler = [plugins](const QJsonObject &args) {
            if (!plugins) {
                return ToolResult::error(CoreToolsTr::tr("plugins are not available"));
            }
            const QString name = args.value(QStringLiteral("name")).toString();
            QJsonArray out;
            QStringList names;
            for (const PluginStatus &s : plugins->statuses()) {
                names.append(s.instance.isEmpty() ? s.name : s.instance);
                if (name.isEmpty() || s.instance == name || s.name == name) {
                    out.append(s.toJson());
                }
            }
            if (!name.isEmpty() && out.isEmpty()) {
                return ToolResult::error(
                    CoreToolsTr::tr("no plugin or instance '%1'%2; known: %3")
                        .arg(name, didYouMeanSuffix(name, names), names.join(QLatin1String(", "))));
            }
            return ToolResult::ok(out);
        };
        add(spec);
    }
    return errors;
}

} // namespace Smollama
