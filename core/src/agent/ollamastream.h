// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Smollama {

/*!
    Reads Ollama's /api/chat answer stream: newline-delimited JSON objects that may arrive
    split anywhere. No network and no Qt event loop, so it can be tested and fuzzed on its own;
    OllamaChatReply feeds it what the socket delivers.

    Lines that are not a JSON object are skipped with a warning (as Ollama's own clients do); an
    {"error": ...} line is an Error event; a done:true line is the Done event. Nothing is
    read after an Error or Done.
*/
class SMOLLAMA_EXPORT OllamaStreamParser
{
public:
    struct Event
    {
        enum class Kind {
            Thinking, //!< text: a piece of the model's thinking
            Content,  //!< text: a piece of the answer
            ToolCall, //!< object: one tool call; function.arguments is always an object
            Done,     //!< object: the done:true chunk without its message
            Error,    //!< text: what Ollama reported
        };
        Kind kind;
        QString text;
        QJsonObject object;
    };

    /*! Appends \a data and returns the events of every line it completed. */
    QList<Event> feed(const QByteArray &data);
    /*! The end of the body: the last line may lack its newline. */
    QList<Event> finish();

    /*! True after a Done or Error event: nothing more is read. */
    bool isFinished() const { return m_finished; }

private:
    void handleLine(const QByteArray &line, QList<Event> &events);

    QByteArray m_buffer;
    qsizetype m_scanned = 0; //!< bytes of m_buffer known to hold no newline
    bool m_finished = false;
};

} // namespace Smollama
