// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>
#include <smollama/toolresult.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>

namespace Smollama {

class RemoteNode;

/*!
    The tools of a node followed over its HTTP API: GET /api/tools lists them (read when the node
    comes online and again when its plugins change, since an instance brings its tools when it
    comes up), POST /api/tools/{name} calls one with the node's token.

    A call the node refuses for the token (401, 403) marks the token refused until the node
    accepts a call again; a call without a token is not sent at all.
*/
class SMOLLAMA_EXPORT RemoteTools : public QObject
{
    Q_OBJECT

public:
    /*! Reads through \a node (not owned; must outlive this object). */
    explicit RemoteTools(RemoteNode *node, QObject *parent = nullptr);
    ~RemoteTools() override;

    RemoteNode *node() const { return m_node; }
    /*! As GET /api/tools said last: [{"name", "description", "parameters", "owner",
        "instances"?}]; kept while the node is offline. */
    QJsonArray tools() const { return m_tools; }
    /*! Why the tools cannot be listed (the node asks for a token for reads), else empty. */
    QString listError() const { return m_listError; }
    /*! Whether GET /api/tools has been answered (with the tools or a refusal). */
    bool hasAnswered() const { return m_answered; }
    /*! Whether the node refused the token (or, without one, asked for it). */
    bool tokenRefused() const { return m_tokenRefused; }

    /*! Reads the tools again. */
    void refresh();

    /*! Calls \a name with \a arguments; \a done gets the tool's result, or the node's error
        message (the tool's own, an invalid argument, the token refused), in \a context's
        thread, unless \a context is gone. */
    void call(const QString &name, const QJsonObject &arguments, QObject *context,
              std::function<void(const ToolResult &)> done);

Q_SIGNALS:
    /*! tools() or listError() changed. */
    void toolsChanged();
    /*! tokenRefused() changed. */
    void tokenRefusedChanged();

private:
    void setTokenRefused(bool refused);

    RemoteNode *m_node;
    QJsonArray m_tools;
    QString m_listError;
    bool m_tokenRefused = false;
    bool m_answered = false;
};

} // namespace Smollama
