// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

namespace Smollama::Internal {

/*!
    The earlier Python smollama's top-level `mqtt:` section as the builtin mqtt plugin's config
    (docs/mqtt.md): `broker` → host, `port`, `username`, `topics.publish_prefix`
    ("smollama/<node>") → base_topic, and the agent's `edge_publish_interval_seconds` →
    snapshot_interval_s. What cannot be taken over is said, not guessed: a `password` in the
    file (the plugin reads passwords from a file only), and the question trigger the Python
    node ran on its subscribed topics (answer_questions stays off until asked for).
*/
struct LegacyMqtt
{
    QJsonObject config;                   //!< the mqtt plugin's config
    QList<QPair<QString, QString>> moved; //!< (old key, new key), in the file's order
    bool password = false;                //!< a password was in the file: not taken over
    bool questions = false;               //!< it subscribed to <base>/broadcast or .../ask
    QString prefixNode; //!< publish_prefix named another node than node.name; else empty

    /*! Maps \a section; \a node is this node's name, \a agent the agent section (its
        edge_publish_interval_seconds). */
    static LegacyMqtt map(const QJsonObject &section, const QString &node,
                          const QJsonObject &agent);
};

} // namespace Smollama::Internal
