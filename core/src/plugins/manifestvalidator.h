// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/jsonschema.h"

#include <smollama/smollama_export.h>

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Smollama {

/*!
    Checks what QPluginLoader::metaData() returned for a library, before anything is loaded:
    that it is a smollama plugin (interface IID), built for a compatible Qt and SDK, and that
    its manifest satisfies the manifest schema. Every problem is a sentence a person can act on.
*/
class SMOLLAMA_EXPORT ManifestValidator
{
public:
    struct Result
    {
        bool ok = false;
        /*! The manifest ("MetaData"), possibly partial when !ok. */
        QJsonObject manifest;
        /*! Every problem found; empty when ok. */
        QStringList problems;
        /*! The manifest's configSchema, compiled (to validate instance configs with; compiling
            it again costs as much as the rest of the check). Invalid when there is none. */
        JsonSchema configSchema;
    };

    /*! Validates the metaData() object of the library at \a path. */
    static Result validate(const QJsonObject &metaData, const QString &path);

    /*! Validates only a manifest object (the "MetaData" part), for build-time and install-time
        checks. */
    static QStringList validateManifest(const QJsonObject &manifest);
    /*! The same, giving the compiled configSchema in \a compiledConfigSchema (when not null). */
    static QStringList validateManifest(const QJsonObject &manifest,
                                        JsonSchema *compiledConfigSchema);

    /*! The SDK stamp check alone: empty when \a sdkVersion is compatible with this build. */
    static QString checkSdkVersion(const QString &sdkVersion);
};

} // namespace Smollama
