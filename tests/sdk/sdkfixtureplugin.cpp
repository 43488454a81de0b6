// SPDX-License-Identifier: GPL-3.0-or-later
// Test fixtures for `plugin install`: a factory that aborts in create() (SDK_FIXTURE_ABORT),
// and one that is never created because its manifest is refused first.
#include <smollama/pluginfactory.h>

#include <QObject>

#include <cstdlib>

namespace SdkFixture {

class Factory : public QObject, public Smollama::PluginFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID SMOLLAMA_PLUGIN_FACTORY_IID FILE "smollama_manifest.json")
    Q_INTERFACES(Smollama::PluginFactory)

public:
    QObject *create() override
    {
#ifdef SDK_FIXTURE_ABORT
        std::abort();
#endif
        return nullptr;
    }
};

} // namespace SdkFixture

#include "sdkfixtureplugin.moc"
