#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class AboutDialog;
}

namespace retort::app {

// "About Retort": what this build is made of (Retort, Qt at run time and at build time,
// QScintilla, spdlog) and the Alembic version Retort follows for the open project.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);
    ~AboutDialog() override;

    // The Alembic version Retort follows for the open project ("1.8.1", or "not found"), with
    // where it was found as the tooltip; empty shows "not detected yet (open a project)".
    void setAlembicVersion(const QString& version, const QString& detail = {});

    // "Retort 0.1.0\nQt 6.4.2 ...": the versions as plain text, one per line (also what "Copy" copies).
    [[nodiscard]] QString versionsText() const;

private:
    std::unique_ptr<Ui::AboutDialog> m_ui;
};

} // namespace retort::app
