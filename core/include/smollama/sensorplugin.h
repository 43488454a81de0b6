// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/plugin.h>
#include <smollama/plugincontext.h>
#include <smollama/readingprovider.h>

namespace Smollama {

/*!
    A plugin instance that produces readings: the Plugin lifecycle plus ReadingProvider.

    \code
    class MySensor : public QObject, public Smollama::SensorPlugin
    {
        Q_OBJECT
        Q_INTERFACES(Smollama::Plugin Smollama::ReadingProvider)
    public:
        Smollama::Result checkDependencies(const QJsonObject &config) override;
        Smollama::Result setup(const QJsonObject &config, Smollama::PluginContext *ctx) override;
        void teardown() override;
        QList<Smollama::SourceInfo> sources() const override;
        QList<Smollama::Reading> read() override;
    };
    \endcode

    Declare both interfaces in Q_INTERFACES: the host finds them with qobject_cast.
*/
class SensorPlugin : public Plugin, public ReadingProvider
{
};

} // namespace Smollama
