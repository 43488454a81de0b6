// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/sinkplugin.h>

#include <QFile>
#include <QObject>
#include <QSet>
#include <QString>

namespace LineExport {

/*!
    A reading sink (SDK 1.1): appends every reading it receives to the file `path` in InfluxDB
    line protocol, one line per reading, flushed after each batch. The host calls write() on
    this instance's own thread with batches of readings; while a write is slow (a busy SD card)
    newer readings wait in the host's bounded queue (sink_queue), and the oldest are dropped
    and counted when it is full, so the rest of the node never waits for this plugin.

    When the file cannot be written (the disk is full, the file was removed with its folder)
    the instance says it is degraded with the reason, and healthy again once a write works.
*/
class LineExportPlugin : public QObject, public Smollama::SinkPlugin
{
    Q_OBJECT
    Q_INTERFACES(Smollama::Plugin Smollama::ReadingSink)

public:
    Smollama::Result checkDependencies(const QJsonObject &config) override;
    Smollama::Result setup(const QJsonObject &config, Smollama::PluginContext *context) override;
    void teardown() override;
    void write(const QList<Smollama::Reading> &readings) override;

private:
    Smollama::PluginContext *m_context = nullptr;
    QFile m_file;
    QString m_measurement;
    QSet<QString> m_nodes;
    bool m_errors = true;
    QString m_degraded;
};

} // namespace LineExport
