// SPDX-License-Identifier: GPL-3.0-or-later
#include "lineexportplugin.h"

#include "lineprotocol.h"

#include <smollama/homepath.h>
#include <smollama/plugincontext.h>
#include <smollama/pluginfactory.h>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

namespace LineExport {

Smollama::Result LineExportPlugin::checkDependencies(const QJsonObject &config)
{
    const QFileInfo file(Smollama::expandHome(config.value(QLatin1String("path")).toString()));
    if (!file.absoluteDir().exists()) {
        return Smollama::Result::invalidConfig(
            QStringLiteral("path: the folder %1 does not exist; create it or choose another path")
                .arg(file.absolutePath()));
    }
    return Smollama::Result::ok();
}

Smollama::Result LineExportPlugin::setup(const QJsonObject &config,
                                         Smollama::PluginContext *context)
{
    m_context = context;
    m_measurement = config.value(QLatin1String("measurement")).toString(QStringLiteral("smollama"));
    m_errors = config.value(QLatin1String("errors")).toBool(true);
    m_nodes.clear();
    for (const QJsonValue &node : config.value(QLatin1String("nodes")).toArray()) {
        m_nodes.insert(node.toString());
    }
    m_file.setFileName(Smollama::expandHome(config.value(QLatin1String("path")).toString()));
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        return Smollama::Result::error(QStringLiteral("cannot open %1 for appending: %2")
                                           .arg(m_file.fileName(), m_file.errorString()));
    }
    return Smollama::Result::ok();
}

void LineExportPlugin::teardown()
{
    m_file.close();
}

void LineExportPlugin::write(const QList<Smollama::Reading> &readings)
{
    QByteArray out;
    for (const Smollama::Reading &r : readings) {
        if (!m_nodes.isEmpty() && !m_nodes.contains(r.node())) {
            continue;
        }
        if (!m_errors && r.quality() == Smollama::Reading::Quality::Error) {
            continue;
        }
        out += line(m_measurement, r);
    }
    if (out.isEmpty()) {
        return;
    }
    QString problem;
    if (m_file.write(out) != out.size() || !m_file.flush()) {
        problem =
            QStringLiteral("cannot write to %1: %2").arg(m_file.fileName(), m_file.errorString());
    }
    // Said once per change: the host shows it as the instance's status.
    if (problem != m_degraded) {
        m_degraded = problem;
        m_context->setDegraded(problem);
    }
}

} // namespace LineExport

SMOLLAMA_PLUGIN_FACTORY(LineExportFactory, LineExport::LineExportPlugin)

#include "lineexportplugin.moc"
