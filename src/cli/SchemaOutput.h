#pragma once

// How retort-cli writes schemas, shared by `tables` (DbCommands.cpp) and `schema`, `diff`,
// `verify`, `drift` (SchemaCommands.cpp): the compact JSON writer, each table as `tables --json`
// writes it (and its parts, which diffs reuse), and the psql-like text.

#include "core/db/SchemaInspector.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

#include <vector>

namespace retort::cli {

// Compact JSON written directly: with 2,000 tables, building QJsonObjects took longer than the
// catalog queries themselves (bench/RESULTS.md). Keys keep the order written here.
class JsonWriter
{
public:
    JsonWriter& begin(char bracket)
    {
        comma();
        m_out += bracket;
        m_first.push_back(true);
        return *this;
    }
    JsonWriter& end(char bracket)
    {
        m_out += bracket;
        m_first.pop_back();
        return *this;
    }
    JsonWriter& key(const char* name)
    {
        comma();
        m_out += '"';
        m_out += name;
        m_out += "\":";
        m_afterKey = true;
        return *this;
    }
    JsonWriter& string(const QString& text)
    {
        comma();
        m_out += '"';
        for (const char c : text.toUtf8()) {
            switch (c) {
            case '"': m_out += "\\\""; break;
            case '\\': m_out += "\\\\"; break;
            case '\n': m_out += "\\n"; break;
            case '\r': m_out += "\\r"; break;
            case '\t': m_out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20)
                    m_out += QByteArray("\\u00") + QByteArray::number(static_cast<unsigned char>(c), 16).rightJustified(2, '0');
                else
                    m_out += c;
            }
        }
        m_out += '"';
        return *this;
    }
    JsonWriter& stringOrNull(const QString& text) { return text.isEmpty() ? null() : string(text); }
    JsonWriter& strings(const QStringList& list)
    {
        begin('[');
        for (const QString& s : list)
            string(s);
        return end(']');
    }
    JsonWriter& rows(qint64 value) { return value < 0 ? null() : raw(QByteArray::number(value)); }
    JsonWriter& boolean(bool value) { return raw(value ? "true" : "false"); }
    JsonWriter& null() { return raw("null"); }
    [[nodiscard]] const QByteArray& bytes() const { return m_out; }

private:
    JsonWriter& raw(const QByteArray& text)
    {
        comma();
        m_out += text;
        return *this;
    }
    void comma()
    {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (!m_first.empty()) {
            if (!m_first.back())
                m_out += ',';
            m_first.back() = false;
        }
    }
    QByteArray m_out;
    std::vector<bool> m_first;
    bool m_afterKey = false;
};


// One object each, with the keys `tables --json` uses.
void writeColumn(JsonWriter& w, const ColumnInfo& c);
void writeIndex(JsonWriter& w, const IndexInfo& i);
void writeForeignKey(JsonWriter& w, const ForeignKeyInfo& fk);
void writeKeyConstraint(JsonWriter& w, const KeyConstraint& k); // {"name", "columns"} (primary key, unique)
void writeCheck(JsonWriter& w, const CheckConstraintInfo& c);
void writeEnum(JsonWriter& w, const EnumInfo& e);              // {"schema", "name", "labels"}
void writeTable(JsonWriter& w, const TableInfo& t);

// A plain-text grid: header, a rule, rows; columns padded to their widest cell.
QString grid(const QStringList& header, const QVector<QStringList>& rows, const QString& indent = QStringLiteral(" "));
// "123", "~123" (an estimate) or "?".
QString rowsText(qint64 estimated, qint64 exact);
// One table the way `psql \d` shows it; `withRows` adds its row count.
QString describeTable(const TableInfo& t, bool withRows = true);

} // namespace retort::cli
