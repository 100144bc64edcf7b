<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
    <context>
        <name>AboutDialog</name>
        <message>
            <location filename="../ui/AboutDialog.ui" line="9" />
            <source>About Retort</source>
            <translation>Sobre o Retort</translation>
        </message>
        <message>
            <location filename="../ui/AboutDialog.ui" line="38" />
            <source>Alembic migrations, seen and applied.</source>
            <translation>Migrações do Alembic, visíveis e aplicadas.</translation>
        </message>
        <message>
            <location filename="../ui/AboutDialog.ui" line="55" />
            <source>Retort draws the revision history of an Alembic project as a graph, shows where your database stands, previews the SQL of an upgrade or a downgrade and applies it with the project's own Alembic.</source>
            <translation>O Retort desenha o histórico de revisões de um projeto Alembic como um grafo, mostra em que ponto o seu banco de dados está, exibe de antemão o SQL de um upgrade ou downgrade e o aplica com o próprio Alembic do projeto.</translation>
        </message>
        <message>
            <location filename="../ui/AboutDialog.ui" line="62" />
            <source>Versions</source>
            <translation>Versões</translation>
        </message>
        <message>
            <location filename="../ui/AboutDialog.ui" line="102" />
            <source>Built with Qt, QScintilla, spdlog and QtKeychain. Migrations run through Alembic and SQLAlchemy in your project's Python.</source>
            <translation>Feito com Qt, QScintilla, spdlog e QtKeychain. As migrações rodam pelo Alembic e pelo SQLAlchemy no Python do seu projeto.</translation>
        </message>
    </context>
    <context>
        <name>AlembicText</name>
        <message>
            <location filename="../src/app/window/AlembicText.cpp" line="10" />
            <source>not found</source>
            <translation>não encontrado</translation>
        </message>
        <message>
            <location filename="../src/app/window/AlembicText.cpp" line="15" />
            <source>Alembic %1</source>
            <translation>Alembic %1</translation>
        </message>
        <message>
            <location filename="../src/app/window/AlembicText.cpp" line="16" />
            <source>Alembic: not found</source>
            <translation>Alembic: não encontrado</translation>
        </message>
        <message>
            <location filename="../src/app/window/AlembicText.cpp" line="22" />
            <source>No Alembic was found for this project.</source>
            <translation>Nenhum Alembic foi encontrado para este projeto.</translation>
        </message>
        <message>
            <location filename="../src/app/window/AlembicText.cpp" line="26" />
            <source>Retort keeps its default rules where Alembic versions differ. Choose the project's interpreter with File ▸ Python Interpreter….</source>
            <translation>O Retort mantém suas regras padrão onde as versões do Alembic diferem. Escolha o interpretador do projeto em Arquivo ▸ Interpretador Python….</translation>
        </message>
        <message>
            <location filename="../src/app/window/AlembicText.cpp" line="33" />
            <source>Interpreter: %1</source>
            <translation>Interpretador: %1</translation>
        </message>
        <message>
            <location filename="../src/app/window/AlembicText.cpp" line="36" />
            <source>Version read from %1</source>
            <translation>Versão lida de %1</translation>
        </message>
        <message>
            <location filename="../src/app/window/AlembicText.cpp" line="40" />
            <source>Package found by the interpreter at %1</source>
            <translation>Pacote encontrado pelo interpretador em %1</translation>
        </message>
        <message>
            <location filename="../src/app/window/AlembicText.cpp" line="44" />
            <source>Version given on the command line</source>
            <translation>Versão dada na linha de comando</translation>
        </message>
        <message>
            <location filename="../src/app/window/AlembicText.cpp" line="49" />
            <source>Retort follows the rules of Alembic %1 where Alembic versions differ.</source>
            <translation>O Retort segue as regras do Alembic %1 onde as versões do Alembic diferem.</translation>
        </message>
    </context>
    <context>
        <name>AppOptions</name>
        <message>
            <location filename="../src/app/window/AppOptions.cpp" line="14" />
            <source>Alembic migrations, seen and applied.</source>
            <translation>Migrações do Alembic, visíveis e aplicadas.</translation>
        </message>
        <message>
            <location filename="../src/app/window/AppOptions.cpp" line="19" />
            <source>Alembic project folder or alembic.ini to open (default: the demo project).</source>
            <translation>Pasta do projeto Alembic ou alembic.ini a abrir (padrão: o projeto de demonstração).</translation>
        </message>
        <message>
            <location filename="../src/app/window/AppOptions.cpp" line="23" />
            <source>Database URL (SQLAlchemy form) to connect to.</source>
            <translation>URL do banco de dados (no formato do SQLAlchemy) a conectar.</translation>
        </message>
        <message>
            <location filename="../src/app/window/AppOptions.cpp" line="27" />
            <source>Revision to select once the project has loaded (any Alembic identifier).</source>
            <translation>Revisão a selecionar depois que o projeto carregar (qualquer identificador do Alembic).</translation>
        </message>
        <message>
            <location filename="../src/app/window/AppOptions.cpp" line="31" />
            <source>Render the main window to a PNG once loaded, then exit.</source>
            <translation>Renderiza a janela principal em um PNG depois de carregar e sai.</translation>
        </message>
        <message>
            <location filename="../src/app/window/AppOptions.cpp" line="35" />
            <source>Write what the window shows once loaded (revisions, heads, database, problems) as JSON, then exit.</source>
            <translation>Grava em JSON o que a janela mostra depois de carregar (revisões, heads, banco de dados, problemas) e sai.</translation>
        </message>
        <message>
            <location filename="../src/app/window/AppOptions.cpp" line="39" />
            <source>Colours for this run: system, light or dark (default: the one chosen in View ▸ Theme).</source>
            <translation>Cores desta execução: system, light ou dark (padrão: o escolhido em Exibir ▸ Tema).</translation>
        </message>
        <message>
            <location filename="../src/app/window/AppOptions.cpp" line="43" />
            <source>Window size for --screenshot and --bench (default 1400x900).</source>
            <translation>Tamanho da janela para --screenshot e --bench (padrão 1400x900).</translation>
        </message>
        <message>
            <location filename="../src/app/window/AppOptions.cpp" line="47" />
            <source>Measure open-to-first-paint and graph paint times, print JSON, exit.</source>
            <translation>Mede o tempo da abertura até o primeiro desenho e o tempo de desenho do grafo, imprime JSON e sai.</translation>
        </message>
        <message>
            <location filename="../src/app/window/AppOptions.cpp" line="52" />
            <source>Run `retort --help` for the options.</source>
            <translation>Execute `retort --help` para ver as opções.</translation>
        </message>
        <message>
            <location filename="../src/app/window/AppOptions.cpp" line="60" />
            <source>Unexpected argument '%1'.</source>
            <translation>Argumento inesperado '%1'.</translation>
        </message>
        <message>
            <location filename="../src/app/window/AppOptions.cpp" line="61" />
            <source>Pass the project with --project DIR.</source>
            <translation>Informe o projeto com --project PASTA.</translation>
        </message>
        <message>
            <location filename="../src/app/window/AppOptions.cpp" line="78" />
            <source>Unknown theme '%1'.</source>
            <translation>Tema desconhecido '%1'.</translation>
        </message>
        <message>
            <location filename="../src/app/window/AppOptions.cpp" line="79" />
            <source>Use system, light or dark.</source>
            <translation>Use system, light ou dark.</translation>
        </message>
        <message>
            <location filename="../src/app/window/AppOptions.cpp" line="85" />
            <source>Bad --size '%1'.</source>
            <translation>--size inválido: '%1'.</translation>
        </message>
        <message>
            <location filename="../src/app/window/AppOptions.cpp" line="86" />
            <source>Use WIDTHxHEIGHT, e.g. 1400x900.</source>
            <translation>Use LARGURAxALTURA, por exemplo 1400x900.</translation>
        </message>
        <message>
            <location filename="../src/app/window/AppOptions.cpp" line="92" />
            <source>--screenshot needs a .png file name, got '%1'.</source>
            <translation>--screenshot precisa de um nome de arquivo .png, mas recebeu '%1'.</translation>
        </message>
        <message>
            <location filename="../src/app/window/AppOptions.cpp" line="96" />
            <source>No such project folder or file: %1</source>
            <translation>Pasta ou arquivo de projeto inexistente: %1</translation>
        </message>
        <message>
            <location filename="../src/app/window/AppOptions.cpp" line="97" />
            <source>Pass a folder holding alembic.ini, or the alembic.ini itself.</source>
            <translation>Informe uma pasta que contenha o alembic.ini, ou o próprio alembic.ini.</translation>
        </message>
    </context>
    <context>
        <name>ConnectionDialog</name>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="9" />
            <source>Connect to a Database</source>
            <translation>Conectar a um banco de dados</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="19" />
            <source>&amp;Profile:</source>
            <translation>&amp;Perfil:</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="28" />
            <source>Connections saved for this project (without their passwords)</source>
            <translation>Conexões salvas para este projeto (sem as senhas)</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="33" />
            <source>&amp;Save…</source>
            <translation>&amp;Salvar…</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="34" />
            <source>Save these settings as a named profile of this project. The password goes to the system keychain, never to the settings file.</source>
            <translation>Salva estas configurações como um perfil com nome deste projeto. A senha vai para o chaveiro do sistema, nunca para o arquivo de configurações.</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="40" />
            <source>&amp;Delete</source>
            <translation>&amp;Excluir</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="41" />
            <source>Delete the selected profile and its stored password</source>
            <translation>Exclui o perfil selecionado e a senha guardada dele</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="47" />
            <source>Su&amp;ggested:</source>
            <translation>Su&amp;gerido:</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="56" />
            <source>The database the project's env.py would use, and DATABASE_URL from the project's .env file</source>
            <translation>O banco de dados que o env.py do projeto usaria e o DATABASE_URL do arquivo .env do projeto</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="61" />
            <source>&amp;Use</source>
            <translation>&amp;Usar</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="69" />
            <source>Database URL</source>
            <translation>URL do banco de dados</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="79" />
            <source>Paste a SQLAlchemy URL or fill in the fields below: both stay in sync. A password in a pasted URL moves to the password field.</source>
            <translation>Cole uma URL do SQLAlchemy ou preencha os campos abaixo: os dois ficam sincronizados. Uma senha contida na URL colada vai para o campo de senha.</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="88" />
            <source>Details</source>
            <translation>Detalhes</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="96" />
            <source>D&amp;atabase:</source>
            <translation>B&amp;anco:</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="107" />
            <source>Dri&amp;ver:</source>
            <translation>Dri&amp;ver:</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="117" />
            <source>The SQLAlchemy driver named in the URL (postgresql+asyncpg://...). Retort connects with its own driver; the name is kept so the URL stays the one your project uses.</source>
            <translation>O driver do SQLAlchemy indicado na URL (postgresql+asyncpg://...). O Retort conecta com o próprio driver; o nome é mantido para que a URL continue sendo a que o seu projeto usa.</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="136" />
            <source>&amp;Host:</source>
            <translation>&amp;Servidor:</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="149" />
            <source>P&amp;ort:</source>
            <translation>P&amp;orta:</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="164" />
            <source>Data&amp;base name:</source>
            <translation>&amp;Nome do banco:</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="173" />
            <source>&amp;User:</source>
            <translation>&amp;Usuário:</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="182" />
            <source>Pass&amp;word:</source>
            <translation>Se&amp;nha:</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="196" />
            <source>O&amp;ptions:</source>
            <translation>O&amp;pções:</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="203" />
            <source>Query parameters of the URL, as key=value pairs separated by &amp;</source>
            <translation>Parâmetros de consulta da URL, como pares chave=valor separados por &amp;</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="218" />
            <source>&amp;File:</source>
            <translation>&amp;Arquivo:</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="226" />
            <source>The SQLite database file. A relative path is relative to the project folder, as Alembic sees it.</source>
            <translation>O arquivo do banco SQLite. Um caminho relativo é relativo à pasta do projeto, como o Alembic o vê.</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="231" />
            <source>&amp;Browse…</source>
            <translation>&amp;Procurar…</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="239" />
            <source>SQLite needs no user or password.</source>
            <translation>O SQLite não precisa de usuário nem senha.</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="251" />
            <source>Runs on this database</source>
            <translation>Execuções neste banco de dados</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="257" />
            <source>&amp;Kind:</source>
            <translation>&amp;Tipo:</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="263" />
            <source>What this database is for. The window shows it in colour; every run on a production database asks for its name to be typed.</source>
            <translation>Para que serve este banco de dados. A janela o mostra em cor; toda execução em um banco de produção pede que o nome dele seja digitado.</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="268" />
            <source>&amp;Lock timeout:</source>
            <translation>Tempo limite de &amp;bloqueio:</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="274" />
            <source>Upgrades and downgrades set lock_timeout to this: a statement that waits longer for a lock fails instead of making every other query on the table wait behind it.</source>
            <translation>Upgrades e downgrades definem lock_timeout com este valor: um comando que espera mais do que isso por um bloqueio falha, em vez de fazer todas as outras consultas na tabela esperarem atrás dele.</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="289" />
            <source>&amp;Test Connection</source>
            <translation>&amp;Testar conexão</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="295" />
            <source>Stop</source>
            <translation>Parar</translation>
        </message>
        <message>
            <location filename="../ui/ConnectionDialog.ui" line="296" />
            <source>Stop waiting for the connection test</source>
            <translation>Para de esperar pelo teste de conexão</translation>
        </message>
    </context>
    <context>
        <name>ConnectionKindStyle</name>
        <message>
            <location filename="../src/app/connection/ConnectionKindStyle.cpp" line="10" />
            <source>development</source>
            <translation>desenvolvimento</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionKindStyle.cpp" line="11" />
            <source>staging</source>
            <translation>homologação</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionKindStyle.cpp" line="12" />
            <source>production</source>
            <translation>produção</translation>
        </message>
    </context>
    <context>
        <name>DatabaseState</name>
        <message>
            <location filename="../src/core/workspace/DatabaseState.cpp" line="94" />
            <source>Cannot create the database file %1: %2</source>
            <translation>Não foi possível criar o arquivo de banco de dados %1: %2</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/DatabaseState.cpp" line="96" />
            <source>Check that the folder is writable.</source>
            <translation>Verifique se a pasta permite gravação.</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/DatabaseState.cpp" line="124" />
            <source>%1 is not on the connection's search path; read it from schema %2</source>
            <translation>%1 não está no search_path da conexão; lido do schema %2</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/DatabaseState.cpp" line="129" />
            <source>%1 is not on the search path, but schemas %2 each hold one; set version_table_schema in env.py</source>
            <translation>%1 não está no search_path, mas os schemas %2 têm um cada; defina version_table_schema no env.py</translation>
        </message>
    </context>
    <context>
        <name>DatabaseStateText</name>
        <message>
            <location filename="../src/app/connection/DatabaseStateText.cpp" line="13" />
            <source>Login refused</source>
            <translation>Login recusado</translation>
        </message>
        <message>
            <location filename="../src/app/connection/DatabaseStateText.cpp" line="15" />
            <source>No such database</source>
            <translation>Banco de dados inexistente</translation>
        </message>
        <message>
            <location filename="../src/app/connection/DatabaseStateText.cpp" line="17" />
            <source>Cannot open the file</source>
            <translation>Não é possível abrir o arquivo</translation>
        </message>
        <message>
            <location filename="../src/app/connection/DatabaseStateText.cpp" line="20" />
            <source>Not reachable</source>
            <translation>Inacessível</translation>
        </message>
        <message>
            <location filename="../src/app/connection/DatabaseStateText.cpp" line="21" />
            <source>Cannot connect</source>
            <translation>Não é possível conectar</translation>
        </message>
        <message>
            <location filename="../src/app/connection/DatabaseStateText.cpp" line="27" />
            <source>new database file</source>
            <translation>arquivo de banco novo</translation>
        </message>
        <message>
            <location filename="../src/app/connection/DatabaseStateText.cpp" line="29" />
            <source>at base</source>
            <translation>na base</translation>
        </message>
        <message>
            <location filename="../src/app/connection/DatabaseStateText.cpp" line="30" />
            <source>empty: no version table yet</source>
            <translation>vazio, sem tabela de versões</translation>
        </message>
        <message>
            <location filename="../src/app/connection/DatabaseStateText.cpp" line="34" />
            <source>at %1</source>
            <translation>em %1</translation>
        </message>
        <message>
            <location filename="../src/app/connection/DatabaseStateText.cpp" line="38" />
            <source>%1 “%2”</source>
            <translation>%1 “%2”</translation>
        </message>
    </context>
    <context>
        <name>GraphExporter</name>
        <message>
            <location filename="../src/app/graph/GraphExporter.cpp" line="55" />
            <source>Cannot export the graph as '.%1'.</source>
            <translation>Não é possível exportar o grafo como '.%1'.</translation>
        </message>
        <message>
            <location filename="../src/app/graph/GraphExporter.cpp" line="56" />
            <source>Choose a file name ending in .png or .svg.</source>
            <translation>Escolha um nome de arquivo terminado em .png ou .svg.</translation>
        </message>
        <message>
            <location filename="../src/app/graph/GraphExporter.cpp" line="137" />
            <source>The graph has %1 rows; a PNG holds at most %2.</source>
            <translation>O grafo tem %1 linhas; um PNG comporta no máximo %2.</translation>
        </message>
        <message>
            <location filename="../src/app/graph/GraphExporter.cpp" line="140" />
            <source>Filter the graph first, or export SVG.</source>
            <translation>Filtre o grafo antes ou exporte em SVG.</translation>
        </message>
        <message>
            <location filename="../src/app/graph/GraphExporter.cpp" line="151" />
            <location filename="../src/app/graph/GraphExporter.cpp" line="159" />
            <location filename="../src/app/graph/GraphExporter.cpp" line="173" />
            <source>Cannot write %1: %2</source>
            <translation>Não é possível gravar %1: %2</translation>
        </message>
        <message>
            <location filename="../src/app/graph/GraphExporter.cpp" line="153" />
            <location filename="../src/app/graph/GraphExporter.cpp" line="160" />
            <source>Choose a writable folder.</source>
            <translation>Escolha uma pasta com permissão de escrita.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../ui/MainWindow.ui" line="6" />
            <source>Retort</source>
            <translation>Retort</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="20" />
            <source>&amp;File</source>
            <translation>&amp;Arquivo</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="22" />
            <source>Open &amp;Recent</source>
            <translation>Abrir &amp;recente</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="37" />
            <source>&amp;Revision</source>
            <translation>&amp;Revisão</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="59" />
            <source>&amp;View</source>
            <translation>&amp;Exibir</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="64" />
            <source>&amp;Help</source>
            <translation>Aj&amp;uda</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="73" />
            <source>Main Toolbar</source>
            <translation>Barra de ferramentas principal</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="96" />
            <source>&amp;Open Project…</source>
            <translation>&amp;Abrir projeto…</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="97" />
            <source>Open an Alembic project (a folder or its alembic.ini)</source>
            <translation>Abre um projeto Alembic (uma pasta ou o alembic.ini dela)</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="98" />
            <source>Ctrl+O</source>
            <translation>Ctrl+O</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="102" />
            <source>&amp;Reload</source>
            <translation>Recarre&amp;gar</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="103" />
            <source>Re-read the project files and the database state</source>
            <translation>Lê de novo os arquivos do projeto e o estado do banco de dados</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="104" />
            <source>F5</source>
            <translation>F5</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="108" />
            <source>&amp;Connect to Database…</source>
            <translation>&amp;Conectar ao banco de dados…</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="109" />
            <source>Choose the database this project is applied to</source>
            <translation>Escolhe o banco de dados ao qual este projeto é aplicado</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="110" />
            <source>Ctrl+Shift+C</source>
            <translation>Ctrl+Shift+C</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="114" />
            <source>&amp;Export Graph…</source>
            <translation>&amp;Exportar grafo…</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="115" />
            <source>Save the revision graph as PNG or SVG</source>
            <translation>Salva o grafo de revisões como PNG ou SVG</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="116" />
            <source>Ctrl+E</source>
            <translation>Ctrl+E</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="119" />
            <source>&amp;Quit</source>
            <translation>&amp;Sair</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="120" />
            <source>Quit Retort</source>
            <translation>Sai do Retort</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="121" />
            <source>Ctrl+Q</source>
            <translation>Ctrl+Q</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="126" />
            <source>&amp;Find Revision</source>
            <translation>&amp;Localizar revisão</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="127" />
            <source>Filter by id, message or label; an identifier highlights what it would run</source>
            <translation>Filtra por id, mensagem ou rótulo; um identificador destaca o que seria executado</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="128" />
            <source>Ctrl+F</source>
            <translation>Ctrl+F</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="132" />
            <source>&amp;Upgrade to Here</source>
            <translation>&amp;Upgrade até aqui</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="133" />
            <source>Upgrade the database to the selected revision</source>
            <translation>Faz o upgrade do banco de dados até a revisão selecionada</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="134" />
            <source>Ctrl+U</source>
            <translation>Ctrl+U</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="138" />
            <source>&amp;Downgrade to Here</source>
            <translation>&amp;Downgrade até aqui</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="139" />
            <source>Downgrade the database to the selected revision</source>
            <translation>Faz o downgrade do banco de dados até a revisão selecionada</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="140" />
            <source>Ctrl+Shift+D</source>
            <translation>Ctrl+Shift+D</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="144" />
            <source>&amp;Stamp Here</source>
            <translation>&amp;Marcar revisão aqui (stamp)</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="145" />
            <source>Record the selected revision in alembic_version without running migrations</source>
            <translation>Registra a revisão selecionada em alembic_version sem executar migrações</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="146" />
            <source>Ctrl+Shift+S</source>
            <translation>Ctrl+Shift+S</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="150" />
            <source>&amp;Preview SQL</source>
            <translation>&amp;Pré-visualizar SQL</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="151" />
            <source>Show the SQL that would take the database to the selected revision</source>
            <translation>Mostra o SQL que levaria o banco de dados até a revisão selecionada</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="152" />
            <source>Ctrl+P</source>
            <translation>Ctrl+P</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="156" />
            <source>&amp;New Revision…</source>
            <translation>&amp;Nova revisão…</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="157" />
            <source>New Revision</source>
            <translation>Nova revisão</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="158" />
            <source>Have Alembic write a new revision, empty or autogenerated from the models (alembic revision)</source>
            <translation>O Alembic escreve uma nova revisão, vazia ou gerada a partir dos modelos (alembic revision)</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="159" />
            <source>Ctrl+N</source>
            <translation>Ctrl+N</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="162" />
            <source>&amp;Bootstrap History…</source>
            <translation>&amp;Iniciar Histórico…</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="163" />
            <source>Generate the missing initial revision for a database built with create_all, connect the history to it and stamp the database</source>
            <translation>Gerar a revisão inicial que falta para um banco criado com create_all, ligar o histórico a ela e marcar a revisão do banco (stamp)</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="164" />
            <source>Ctrl+Alt+B</source>
            <translation>Ctrl+Alt+B</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="168" />
            <source>New Revision on This Revision…</source>
            <translation>Nova revisão sobre esta revisão…</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="169" />
            <source>Have Alembic write a new revision whose parent is the selected one (alembic revision --head)</source>
            <translation>O Alembic escreve uma nova revisão cuja mãe é a selecionada (alembic revision --head)</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="170" />
            <source>Ctrl+Shift+N</source>
            <translation>Ctrl+Shift+N</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="173" />
            <source>&amp;Edit Revision File</source>
            <translation>&amp;Editar arquivo da revisão</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="174" />
            <source>Open the selected revision's file in Retort's Python editor</source>
            <translation>Abre o arquivo da revisão selecionada no editor Python do Retort</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="175" />
            <source>Ctrl+Shift+E</source>
            <translation>Ctrl+Shift+E</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="179" />
            <source>Check &amp;Models Against Database</source>
            <translation>Comparar &amp;modelos com o banco de dados</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="180" />
            <source>Compare env.py's models with the database, as alembic check does</source>
            <translation>Compara os modelos do env.py com o banco de dados, como faz o alembic check</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="181" />
            <source>Ctrl+Shift+K</source>
            <translation>Ctrl+Shift+K</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="185" />
            <source>&amp;Merge Heads…</source>
            <translation>&amp;Mesclar heads…</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="186" />
            <source>Have Alembic write a merge revision that joins the heads (alembic merge)</source>
            <translation>Pede ao Alembic uma revisão de merge que junta os heads (alembic merge)</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="187" />
            <source>Ctrl+Shift+M</source>
            <translation>Ctrl+Shift+M</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="190" />
            <source>Python &amp;Interpreter…</source>
            <translation>&amp;Interpretador Python…</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="191" />
            <source>Choose the Python that runs this project's Alembic (remembered for the project)</source>
            <translation>Escolhe o Python que executa o Alembic deste projeto (lembrado para o projeto)</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="192" />
            <source>Ctrl+Alt+P</source>
            <translation>Ctrl+Alt+P</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="195" />
            <source>Create the &amp;Database…</source>
            <translation>Criar o &amp;banco de dados…</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="196" />
            <source>Create the database the connection names, when the server says it does not exist</source>
            <translation>Cria o banco de dados que a conexão indica, quando o servidor diz que ele não existe</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="197" />
            <source>Ctrl+Alt+C</source>
            <translation>Ctrl+Alt+C</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="200" />
            <source>Downgrade to &amp;Base</source>
            <translation>Reverter até a &amp;base</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="201" />
            <source>Downgrade the database through every revision to base (an empty history)</source>
            <translation>Reverte o banco de dados por todas as revisões até a base (histórico vazio)</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="202" />
            <source>Ctrl+Shift+B</source>
            <translation>Ctrl+Shift+B</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="205" />
            <source>Rese&amp;t Database…</source>
            <translation>Rei&amp;niciar o banco de dados…</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="206" />
            <source>Downgrade to base, then upgrade to heads</source>
            <translation>Reverte até a base e depois atualiza até os heads</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="207" />
            <source>Ctrl+Alt+R</source>
            <translation>Ctrl+Alt+R</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="211" />
            <source>Upgrade to &amp;Heads</source>
            <translation>Upgrade até as &amp;heads</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="212" />
            <source>Upgrade the database to every head</source>
            <translation>Faz o upgrade do banco de dados até todas as heads</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="213" />
            <source>Ctrl+Shift+U</source>
            <translation>Ctrl+Shift+U</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="217" />
            <source>&amp;Cancel Run</source>
            <translation>Ca&amp;ncelar execução</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="218" />
            <source>Cancel the running migration</source>
            <translation>Cancela a migração em andamento</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="219" />
            <source>Ctrl+.</source>
            <translation>Ctrl+.</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="223" />
            <source>&amp;Copy Revision Id</source>
            <translation>Copiar &amp;id da revisão</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="224" />
            <source>Copy the selected revision id</source>
            <translation>Copia o id da revisão selecionada</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="225" />
            <source>Ctrl+Shift+I</source>
            <translation>Ctrl+Shift+I</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="228" />
            <source>&amp;Reset Layout</source>
            <translation>&amp;Restaurar disposição</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="229" />
            <source>Put the docks back where they started</source>
            <translation>Devolve os painéis às posições iniciais</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="230" />
            <source>Ctrl+Shift+R</source>
            <translation>Ctrl+Shift+R</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="233" />
            <source>&amp;About Retort</source>
            <translation>&amp;Sobre o Retort</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="234" />
            <source>F1</source>
            <translation>F1</translation>
        </message>
        <message>
            <location filename="../ui/MainWindow.ui" line="235" />
            <source>About Retort</source>
            <translation>Sobre o Retort</translation>
        </message>
    </context>
    <context>
        <name>NewRevision</name>
        <message>
            <location filename="../src/core/workspace/NewRevision.cpp" line="77" />
            <source>The message may not contain """: Alembic writes it into the file's docstring as it is.</source>
            <translation>A mensagem não pode conter """: o Alembic a escreve sem alterações na docstring do arquivo.</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/NewRevision.cpp" line="83" />
            <source>The revision id '%1' may hold only letters, digits and '_': it becomes part of the file name and a string in the file.</source>
            <translation>O id de revisão '%1' só pode ter letras, dígitos e '_': ele vira parte do nome do arquivo e uma string dentro do arquivo.</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/NewRevision.cpp" line="87" />
            <source>The revision id '%1' is %2 characters long; alembic_version holds at most %3.</source>
            <translation>O id de revisão '%1' tem %2 caracteres; alembic_version comporta no máximo %3.</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/NewRevision.cpp" line="93" />
            <source>The revision id '%1' is already used by %2.</source>
            <translation>O id de revisão '%1' já é usado por %2.</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/NewRevision.cpp" line="101" />
            <source>The branch label '%1' may hold only letters, digits, '_', '.' and '-' (no '@', ':', '+', quotes, spaces or path separators).</source>
            <translation>O rótulo de ramo '%1' só pode ter letras, dígitos, '_', '.' e '-' (sem '@', ':', '+', aspas, espaços ou separadores de caminho).</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/NewRevision.cpp" line="106" />
            <source>The branch label '%1' is already used by revision %2.</source>
            <translation>O rótulo de ramo '%1' já é usado pela revisão %2.</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/NewRevision.cpp" line="108" />
            <source>The branch label '%1' is the id of a revision.</source>
            <translation>O rótulo de ramo '%1' é o id de uma revisão.</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/NewRevision.cpp" line="122" />
            <source>--depends-on needs a revision or a branch label, not '%1'.</source>
            <translation>--depends-on precisa de uma revisão ou de um rótulo de ramo, não '%1'.</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/NewRevision.cpp" line="132" />
            <source>The project's version locations: %1</source>
            <translation>Locais de versões do projeto: %1</translation>
        </message>
    </context>
    <context>
        <name>QObject</name>
        <message>
            <location filename="../src/core/db/DotEnv.cpp" line="45" />
            <source>Write KEY=VALUE, one per line; quote values that contain spaces or #.</source>
            <translation>Escreva CHAVE=VALOR, um por linha; coloque entre aspas os valores que contêm espaços ou #.</translation>
        </message>
        <message>
            <location filename="../src/core/db/DotEnv.cpp" line="57" />
            <source>Line %1 is not KEY=VALUE.</source>
            <translation>A linha %1 não está no formato CHAVE=VALOR.</translation>
        </message>
        <message>
            <location filename="../src/core/db/DotEnv.cpp" line="63" />
            <source>"%1" on line %2 is not a valid variable name.</source>
            <translation>"%1" na linha %2 não é um nome de variável válido.</translation>
        </message>
        <message>
            <location filename="../src/core/db/DotEnv.cpp" line="91" />
            <source>The quote opened on line %1 is never closed.</source>
            <translation>As aspas abertas na linha %1 nunca são fechadas.</translation>
        </message>
    </context>
    <context>
        <name>ReviewFormat</name>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="20" />
            <source>no errors</source>
            <translation>nenhum erro</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/review/ReviewFormat.cpp" line="21" />
            <source>%n error(s)</source>
            <translation>
                <numerusform>%n erro</numerusform>
                <numerusform>%n erros</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="26" />
            <source>no warnings</source>
            <translation>nenhum aviso</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/review/ReviewFormat.cpp" line="27" />
            <source>%n warning(s)</source>
            <translation>
                <numerusform>%n aviso</numerusform>
                <numerusform>%n avisos</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="32" />
            <source>no info</source>
            <translation>nenhuma informação</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/review/ReviewFormat.cpp" line="33" />
            <source>%n info</source>
            <translation>
                <numerusform>%n informação</numerusform>
                <numerusform>%n informações</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="56" />
            <source>Error</source>
            <translation>Erro</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="57" />
            <source>Warning</source>
            <translation>Aviso</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="58" />
            <source>Info</source>
            <translation>Informação</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="65" />
            <location filename="../src/app/review/ReviewFormat.cpp" line="76" />
            <source>%1, %2, %3</source>
            <translation>%1, %2, %3</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="88" />
            <source>%1, rewrites</source>
            <translation>%1, reescreve</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="90" />
            <source>%1, reads every row</source>
            <translation>%1, lê todas as linhas</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="103" />
            <source>%1 on %2, rewrites it</source>
            <translation>%1 em %2, reescreve a tabela</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="105" />
            <source>%1 on %2, reads every row</source>
            <translation>%1 em %2, lê todas as linhas</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="106" />
            <source>%1 on %2</source>
            <translation>%1 em %2</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="138" />
            <source>Fix:</source>
            <translation>Correção:</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="154" />
            <source>transaction open for %1 s</source>
            <translation>transação aberta há %1 s</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="155" />
            <source>pid %1</source>
            <translation>pid %1</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="156" />
            <source>a prepared transaction</source>
            <translation>uma transação preparada</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="161" />
            <source>%1 holds %2 on %3</source>
            <translation>%1 mantém %2 em %3</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="162" />
            <source>%1 waits for %2 on %3</source>
            <translation>%1 espera por %2 em %3</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="165" />
            <source>the run's %1 would wait behind it</source>
            <translation>o %1 da execução esperaria atrás dela</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="173" />
            <source>rows unknown</source>
            <translation>linhas desconhecidas</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="174" />
            <source>%1 rows</source>
            <translation>%1 linhas</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="175" />
            <source>%1 %2 (revision %3): %4</source>
            <translation>%1 %2 (revisão %3): %4</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="183" />
            <source>Sessions holding or waiting for locks on these tables:</source>
            <translation>Sessões que mantêm ou esperam bloqueios nestas tabelas:</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewFormat.cpp" line="194" />
            <source>Data this plan destroys:</source>
            <translation>Dados que este plano destrói:</translation>
        </message>
    </context>
    <context>
        <name>RunPlanner</name>
        <message>
            <location filename="../src/core/workspace/RunPlanner.cpp" line="45" />
            <source>Running Alembic needs the project's alembic.ini and env.py; a bare versions folder only has revision files.</source>
            <translation>Executar o Alembic exige o alembic.ini e o env.py do projeto; uma pasta de versions isolada só tem arquivos de revisão.</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/RunPlanner.cpp" line="47" />
            <source>Open the project folder (or its alembic.ini) instead.</source>
            <translation>Abra a pasta do projeto (ou o alembic.ini dele).</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/RunPlanner.cpp" line="92" />
            <source>Retort is not connected to a database.</source>
            <translation>O Retort não está conectado a um banco de dados.</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/RunPlanner.cpp" line="93" />
            <source>Connect to a database first.</source>
            <translation>Conecte-se a um banco de dados primeiro.</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/RunPlanner.cpp" line="141" />
            <source>Nothing runs, so there is nothing to review.</source>
            <translation>Nada será executado, então não há nada a revisar.</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/RunPlanner.cpp" line="147" />
            <source>The safety review reads PostgreSQL's SQL; this database is %1.</source>
            <translation>A revisão de segurança lê o SQL do PostgreSQL; este banco de dados é %1.</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/RunPlanner.cpp" line="149" />
            <source>Lock levels, rewrites and data loss are reviewed for PostgreSQL databases only.</source>
            <translation>Níveis de bloqueio, reescritas e perda de dados são revisados apenas para bancos PostgreSQL.</translation>
        </message>
    </context>
    <context>
        <name>SchemaChangeReport</name>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="30" />
            <source>, primary key</source>
            <translation>, chave primária</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="36" />
            <source>index %1%2</source>
            <translation>índice %1%2</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="38" />
            <source>, unique</source>
            <translation>, único</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="45" />
            <source>foreign key %1%2 -&gt; %3</source>
            <translation>chave estrangeira %1%2 -&gt; %3</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="48" />
            <source>unique constraint %1%2</source>
            <translation>restrição de unicidade %1%2</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="50" />
            <source>primary key %1%2</source>
            <translation>chave primária %1%2</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="52" />
            <source>check constraint %1(%2)</source>
            <translation>restrição check %1(%2)</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="53" />
            <source>constraint %1%2</source>
            <translation>restrição %1%2</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="58" />
            <source>none</source>
            <translation>nenhum</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="77" />
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="83" />
            <source>column %1</source>
            <translation>coluna %1</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="90" />
            <source>column %1: type %2 -&gt; %3</source>
            <translation>coluna %1: tipo %2 -&gt; %3</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="95" />
            <source>column %1: %2 -&gt; %3</source>
            <translation>coluna %1: %2 -&gt; %3</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="99" />
            <source>column %1: default %2 -&gt; %3</source>
            <translation>coluna %1: padrão %2 -&gt; %3</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="102" />
            <source>column %1: comment %2 -&gt; %3</source>
            <translation>coluna %1: comentário %2 -&gt; %3</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="105" />
            <source>table comment: %1 -&gt; %2</source>
            <translation>comentário da tabela: %1 -&gt; %2</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="108" />
            <source>operation %1 (from env.py's process_revision_directives)</source>
            <translation>operação %1 (do process_revision_directives do env.py)</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="152" />
            <source>Table %1 (new)</source>
            <translation>Tabela %1 (nova)</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="154" />
            <source>Table %1 (dropped)</source>
            <translation>Tabela %1 (removida)</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="156" />
            <source>Table %1</source>
            <translation>Tabela %1</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="160" />
            <source>Other changes</source>
            <translation>Outras mudanças</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="177" />
            <source>Enum types: values added to or removed from an ENUM are not detected.</source>
            <translation>Tipos enum: valores acrescentados a um ENUM ou retirados dele não são detectados.</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="179" />
            <source>Views, sequences, triggers, functions and other objects that are not tables are not compared.</source>
            <translation>Views, sequências, gatilhos, funções e outros objetos que não são tabelas não são comparados.</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="181" />
            <source>A renamed table or column shows as a drop and an add: edit the migration to rename (op.rename_table, op.alter_column(new_column_name=...)) or the data is lost.</source>
            <translation>Uma tabela ou coluna renomeada aparece como remoção e inclusão: edite a migração para renomear (op.rename_table, op.alter_column(new_column_name=...)) ou os dados se perdem.</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="186" />
            <source>Server defaults are not compared (compare_server_default is off in env.py).</source>
            <translation>Valores padrão do servidor não são comparados (compare_server_default está desligado no env.py).</translation>
        </message>
        <message>
            <location filename="../src/core/exec/SchemaChangeReport.cpp" line="189" />
            <source>Column types are not compared (compare_type is off: the default before Alembic 1.12).</source>
            <translation>Tipos de coluna não são comparados (compare_type está desligado: o padrão antes do Alembic 1.12).</translation>
        </message>
    </context>
    <context>
        <name>StampCheck</name>
        <message numerus="yes">
            <location filename="../src/core/doctor/StampCheck.cpp" line="21" />
            <source> and %n more</source>
            <translation>
                <numerusform> e mais %n</numerusform>
                <numerusform> e mais %n</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/core/doctor/StampCheck.cpp" line="71" />
            <source>Stamping records a revision without running it: the schema must already be what that revision leaves. Stamp the revision the database really matches (the doctor's db-unversioned-tables names it), or upgrade instead. (The expected schema is read from the revision files' op.* calls.)</source>
            <translation>Marcar a revisão (stamp) a registra sem executá-la: o schema já precisa ser o que essa revisão deixa. Marque a revisão com que o banco realmente corresponde (o db-unversioned-tables do doctor a indica), ou faça upgrade. (O schema esperado é lido das chamadas op.* dos arquivos de revisão.)</translation>
        </message>
        <message>
            <location filename="../src/core/doctor/StampCheck.cpp" line="80" />
            <source>The database has no %1, which the revisions up to %2 create.</source>
            <translation>O banco não tem %1, que as revisões até %2 criam.</translation>
        </message>
        <message>
            <location filename="../src/core/doctor/StampCheck.cpp" line="83" />
            <source>The database lacks the columns %1, which the revisions up to %2 add.</source>
            <translation>Faltam ao banco as colunas %1, que as revisões até %2 adicionam.</translation>
        </message>
        <message>
            <location filename="../src/core/doctor/StampCheck.cpp" line="86" />
            <source>The database has %1, which no revision up to %2 creates (a later revision, or a table made outside Alembic).</source>
            <translation>O banco tem %1, que nenhuma revisão até %2 cria (uma revisão posterior, ou uma tabela criada fora do Alembic).</translation>
        </message>
    </context>
    <context>
        <name>retort::ConnectionProfiles</name>
        <message>
            <location filename="../src/core/db/ConnectionProfiles.cpp" line="171" />
            <source>The lock timeout cannot be negative (%1 ms).</source>
            <translation>O tempo limite de bloqueio não pode ser negativo (%1 ms).</translation>
        </message>
        <message>
            <location filename="../src/core/db/ConnectionProfiles.cpp" line="172" />
            <source>Use 0 to turn it off.</source>
            <translation>Use 0 para desligá-lo.</translation>
        </message>
        <message>
            <location filename="../src/core/db/ConnectionProfiles.cpp" line="181" />
            <source>A connection profile needs a name.</source>
            <translation>Um perfil de conexão precisa de um nome.</translation>
        </message>
        <message>
            <location filename="../src/core/db/ConnectionProfiles.cpp" line="182" />
            <source>Type a name such as "local" or "staging".</source>
            <translation>Digite um nome como "local" ou "homologação".</translation>
        </message>
        <message>
            <location filename="../src/core/db/ConnectionProfiles.cpp" line="211" />
            <source>There is no connection profile "%1".</source>
            <translation>Não existe perfil de conexão "%1".</translation>
        </message>
    </context>
    <context>
        <name>retort::Workspace</name>
        <message>
            <location filename="../src/core/workspace/Workspace.cpp" line="43" />
            <source>A migration is running: wait for it to finish (or cancel it) before opening another project.</source>
            <translation>Uma migração está em execução: espere ela terminar (ou cancele-a) antes de abrir outro projeto.</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/Workspace.cpp" line="193" />
            <location filename="../src/core/workspace/Workspace.cpp" line="229" />
            <source>No project is open.</source>
            <translation>Nenhum projeto está aberto.</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/Workspace.cpp" line="196" />
            <source>%1 could not be opened: %2</source>
            <translation>Não foi possível abrir %1: %2</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/Workspace.cpp" line="198" />
            <source>Runs stay disabled until a project loads.</source>
            <translation>As execuções ficam desativadas até um projeto carregar.</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/Workspace.cpp" line="200" />
            <source>The project is being read.</source>
            <translation>O projeto está sendo lido.</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/Workspace.cpp" line="205" />
            <source>Running migrations needs the project's alembic.ini.</source>
            <translation>Executar migrações exige o alembic.ini do projeto.</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/Workspace.cpp" line="206" />
            <source>Open the project folder instead of its versions folder.</source>
            <translation>Abra a pasta do projeto em vez da pasta versions.</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/Workspace.cpp" line="208" />
            <location filename="../src/core/workspace/Workspace.cpp" line="216" />
            <source>Retort is not connected to a database.</source>
            <translation>O Retort não está conectado a um banco de dados.</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/Workspace.cpp" line="209" />
            <source>Use Connect to Database (Ctrl+Shift+C) first.</source>
            <translation>Use Conectar ao banco de dados (Ctrl+Shift+C) primeiro.</translation>
        </message>
        <message>
            <location filename="../src/core/workspace/Workspace.cpp" line="211" />
            <source>The database is being read.</source>
            <translation>O banco de dados está sendo lido.</translation>
        </message>
    </context>
    <context>
        <name>retort::app::AboutDialog</name>
        <message>
            <location filename="../src/app/window/AboutDialog.cpp" line="37" />
            <source>%1 (built with %2)</source>
            <translation>%1 (compilado com %2)</translation>
        </message>
        <message>
            <location filename="../src/app/window/AboutDialog.cpp" line="43" />
            <source>&amp;Copy Versions</source>
            <translation>&amp;Copiar versões</translation>
        </message>
        <message>
            <location filename="../src/app/window/AboutDialog.cpp" line="56" />
            <source>not detected yet (open a project)</source>
            <translation>ainda não detectado (abra um projeto)</translation>
        </message>
    </context>
    <context>
        <name>retort::app::ApplyConfirmDialog</name>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="29" />
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="163" />
            <source>&lt;base&gt;</source>
            <translation>&lt;base&gt;</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="50" />
            <source>Upgrade</source>
            <translation>Upgrade</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="50" />
            <source>Downgrade</source>
            <translation>Downgrade</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="51" />
            <source>%1 %2 → %3</source>
            <translation>%1 %2 → %3</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="73" />
            <source>%1 on %2</source>
            <translation>%1 em %2</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="78" />
            <source>Upgrade %1 to %2</source>
            <translation>Upgrade de %1 até %2</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="82" />
            <source>Downgrade %1 to %2</source>
            <translation>Downgrade de %1 até %2</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="86" />
            <source>Stamp %1 with %2</source>
            <translation>Marcar %1 com a revisão %2 (stamp)</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="100" />
            <source>Database: &lt;tt&gt;%1&lt;/tt&gt;</source>
            <translation>Banco de dados: &lt;tt&gt;%1&lt;/tt&gt;</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="108" />
            <source>The run sets lock_timeout = %1 ms: a statement that waits longer for a lock fails instead of queueing everything behind it.</source>
            <translation>A execução define lock_timeout = %1 ms: um comando que espera mais do que isso por um bloqueio falha, em vez de enfileirar tudo atrás dele.</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="112" />
            <source>No lock_timeout: a statement waiting for a lock waits as long as it takes (set one in the connection profile).</source>
            <translation>Sem lock_timeout: um comando esperando por um bloqueio espera o tempo que for preciso (defina um no perfil de conexão).</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="125" />
            <source>Empty the version table (it holds %1), then record %2 there without running any migration.</source>
            <translation>Esvaziar a tabela de versões (ela contém %1) e registrar %2 nela sem executar nenhuma migração.</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="126" />
            <source>no rows</source>
            <translation>nenhuma linha</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="129" />
            <source>Record %1 in the version table without running any migration.</source>
            <translation>Registra %1 na tabela de versões sem executar nenhuma migração.</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="137" />
            <source>Stamping changes only the version table:</source>
            <translation>Marcar a revisão (stamp) altera apenas a tabela de versões:</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="139" />
            <source>Nothing to run: the database is already there.</source>
            <translation>Nada a executar: o banco de dados já está nesse ponto.</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="141" />
            <source>Alembic will run these %n step(s), in this order:</source>
            <translation>
                <numerusform>O Alembic vai executar este %n passo, nesta ordem:</numerusform>
                <numerusform>O Alembic vai executar estes %n passos, nesta ordem:</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="162" />
            <source>Afterwards the version table holds: %1</source>
            <translation>Depois disso, a tabela de versões contém: %1</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="177" />
            <source>Check before you go on:</source>
            <translation>Verifique antes de continuar:</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="187" />
            <source>Safety review</source>
            <translation>Revisão de segurança</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="205" />
            <source>S&amp;top Review</source>
            <translation>&amp;Parar revisão</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="208" />
            <source>Stop the review and confirm without it</source>
            <translation>Parar a revisão e confirmar sem ela</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="224" />
            <source>I understand this downgrade can drop tables and data on %1</source>
            <translation>Entendo que este downgrade pode apagar tabelas e dados em %1</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="227" />
            <source>I understand stamping %1 changes what Alembic believes is applied there</source>
            <translation>Entendo que marcar a revisão (stamp) em %1 muda o que o Alembic considera aplicado ali</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="230" />
            <source>I understand this runs migrations on the remote host %1</source>
            <translation>Entendo que isto executa migrações no servidor remoto %1</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="257" />
            <source>&amp;Stamp</source>
            <translation>&amp;Marcar revisão (stamp)</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="258" />
            <source>&amp;Downgrade</source>
            <translation>&amp;Downgrade</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="259" />
            <source>&amp;Upgrade</source>
            <translation>&amp;Upgrade</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="279" />
            <source>Not reviewed.</source>
            <translation>Não revisado.</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="329" />
            <source>Reviewing the SQL of %n step(s): locks, rewrites, data loss, and who holds the tables now…</source>
            <translation>
                <numerusform>Revisando o SQL de %n passo: bloqueios, reescritas, perda de dados e quem está usando as tabelas agora…</numerusform>
                <numerusform>Revisando o SQL de %n passos: bloqueios, reescritas, perda de dados e quem está usando as tabelas agora…</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="341" />
            <source>weighed against the database</source>
            <translation>ponderado com o banco de dados</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="345" />
            <source>Nothing in this plan locks a table for long, rewrites one, or loses data.</source>
            <translation>Nada neste plano bloqueia uma tabela por muito tempo, reescreve uma tabela ou perde dados.</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="370" />
            <source>Not reviewed: %1</source>
            <translation>Não revisado: %1</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="384" />
            <source>The review failed:</source>
            <translation>A revisão falhou:</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="387" />
            <source>The plan was not reviewed: check its SQL in the preview before you run it.</source>
            <translation>O plano não foi revisado: confira o SQL na pré-visualização antes de executá-lo.</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="400" />
            <source>This is a production database and rows would be lost.</source>
            <translation>Este é um banco de dados de produção e linhas seriam perdidas.</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="402" />
            <source>This is a production database.</source>
            <translation>Este é um banco de dados de produção.</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="404" />
            <source>Rows would be lost (see the review).</source>
            <translation>Linhas seriam perdidas (veja a revisão).</translation>
        </message>
        <message>
            <location filename="../src/app/run/ApplyConfirmDialog.cpp" line="405" />
            <source>Type the database name, %1, to enable the run:</source>
            <translation>Digite o nome do banco de dados, %1, para habilitar a execução:</translation>
        </message>
    </context>
    <context>
        <name>retort::app::BootstrapDialog</name>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="55" />
            <source>Bootstrap History</source>
            <translation>Iniciar Histórico</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="75" />
            <source>&amp;Message:</source>
            <translation>&amp;Mensagem:</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="79" />
            <source>optional: a new id (%1, the missing id, needs no edit of %2)</source>
            <translation>opcional: um id novo (%1, o id que falta, dispensa editar %2)</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="81" />
            <source>optional: a new id like Alembic's</source>
            <translation>opcional: um id novo como os do Alembic</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="82" />
            <source>Revision &amp;id:</source>
            <translation>&amp;Id da revisão:</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="86" />
            <source>Scratch:</source>
            <translation>Rascunho:</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="88" />
            <source>none connected: nothing will be stamped</source>
            <translation>nenhum conectado: nada será marcado (stamp)</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="91" />
            <source>Database:</source>
            <translation>Banco:</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="95" />
            <source>a temporary SQLite file, removed afterwards</source>
            <translation>um arquivo SQLite temporário, removido depois</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="102" />
            <source>%1, removed afterwards</source>
            <translation>%1, removido depois</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="103" />
            <source>no local PostgreSQL server binaries: Retort needs a scratch database on your server</source>
            <translation>sem os binários do servidor PostgreSQL aqui: o Retort precisa de um banco de rascunho no seu servidor</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="108" />
            <source>Use a scratch &amp;database on the server instead: %1 (created and dropped)</source>
            <translation>Usar um &amp;banco de rascunho no servidor: %1 (criado e removido)</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="132" />
            <source>1. The initial revision</source>
            <translation>1. A revisão inicial</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="139" />
            <source>&amp;Tables</source>
            <translation>&amp;Tabelas</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="143" />
            <source>&amp;File</source>
            <translation>&amp;Arquivo</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="147" />
            <source>2. Connect the history</source>
            <translation>2. Ligar o histórico</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="161" />
            <source>3. Verification</source>
            <translation>3. Verificação</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="167" />
            <source>4. Stamp the database</source>
            <translation>4. Marcar a revisão do banco (stamp)</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="171" />
            <source>&amp;Stamp at:</source>
            <translation>&amp;Marcar em:</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="178" />
            <source>&amp;Back</source>
            <translation>&amp;Voltar</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="179" />
            <source>&amp;Prepare…</source>
            <translation>&amp;Preparar…</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="181" />
            <source>&amp;Apply</source>
            <translation>A&amp;plicar</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="196" />
            <source>Retort cannot bootstrap this history: %1</source>
            <translation>O Retort não consegue iniciar este histórico: %1</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="199" />
            <source>The history has its initial revision: there is nothing to bootstrap. For a database built with create_all, stamp the revision its schema matches (the doctor names it).</source>
            <translation>O histórico já tem sua revisão inicial: não há nada a iniciar. Para um banco criado com create_all, marque (stamp) a revisão cujo esquema ele tem (o doctor diz qual).</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="202" />
            <source>The project has no revisions yet. Retort generates the initial revision from the models (env.py's target_metadata) on a scratch database and, when your database already has exactly that schema, stamps it. Each step is shown before anything is written.</source>
            <translation>O projeto ainda não tem revisões. O Retort gera a revisão inicial a partir dos modelos (o target_metadata do env.py) num banco de rascunho e, quando o seu banco já tem exatamente esse esquema, marca essa revisão nele (stamp). Cada passo é mostrado antes de qualquer escrita.</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="206" />
            <source>The history starts at %1 (%2), whose down_revision %3 no file defines: the initial migration was never generated, and Alembic refuses every command until it exists. Retort computes it on a scratch database (the schema %1 starts from), connects %1 to it and, when your database matches, stamps it. Each step is shown before anything is written.</source>
            <translation>O histórico começa em %1 (%2), cujo down_revision %3 nenhum arquivo define: a migração inicial nunca foi gerada, e o Alembic recusa todo comando até que ela exista. O Retort a calcula num banco de rascunho (o esquema de onde %1 parte), liga %1 a ela e, quando o seu banco corresponde, marca a revisão nele (stamp). Cada passo é mostrado antes de qualquer escrita.</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="242" />
            <source>Stopping…</source>
            <translation>Parando…</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="273" />
            <source>Tick the edit of %1 first: the history is connected only through it</source>
            <translation>Marque antes a edição de %1: é só por ela que o histórico se liga</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="299" />
            <source>Computing the initial revision on a scratch database…</source>
            <translation>Calculando a revisão inicial num banco de rascunho…</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="335" />
            <source>Stopped: nothing was written.</source>
            <translation>Parado: nada foi escrito.</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="353" />
            <source>Write %1 (revision %2), created by the project's script.py.mako. It creates %n table(s):</source>
            <translation>
                <numerusform>Escrever %1 (revisão %2), criada pelo script.py.mako do projeto. Ela cria %n tabela:</numerusform>
                <numerusform>Escrever %1 (revisão %2), criada pelo script.py.mako do projeto. Ela cria %n tabelas:</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="361" />
            <source>Computed on %1. Only tables, columns, indexes and constraints are in it: views, triggers, functions and sequences of your database are not.</source>
            <translation>Calculada em %1. Só tabelas, colunas, índices e restrições estão nela: views, triggers, funções e sequências do seu banco não.</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="372" />
            <source>&amp;Edit %1: point its down_revision at %2</source>
            <translation>&amp;Editar %1: apontar seu down_revision para %2</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="380" />
            <source>%1 already names %2 as its down_revision: no edit needed</source>
            <translation>%1 já tem %2 como down_revision: nenhuma edição é necessária</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="387" />
            <source>An empty database upgraded to the new heads (%1) has exactly the models' schema.</source>
            <translation>Um banco vazio atualizado até os novos heads (%1) tem exatamente o esquema dos modelos.</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="390" />
            <source>An empty database upgraded to the new heads (%1) differs from the models in %n place(s): a revision after the initial one does not match them.
%2</source>
            <translation>
                <numerusform>Um banco vazio atualizado até os novos heads (%1) difere dos modelos em %n ponto: uma revisão depois da inicial não corresponde a eles.
%2</numerusform>
                <numerusform>Um banco vazio atualizado até os novos heads (%1) difere dos modelos em %n pontos: uma revisão depois da inicial não corresponde a eles.
%2</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="397" />
            <source>Do not stamp</source>
            <translation>Não marcar</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="404" />
            <source>%1 — the initial revision</source>
            <translation>%1 — a revisão inicial</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="405" />
            <source>%1 — a head of the new history</source>
            <translation>%1 — um head do novo histórico</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="421" />
            <source>No database connected: nothing is stamped.</source>
            <translation>Nenhum banco conectado: nada é marcado (stamp).</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="423" />
            <source>The database could not be read (%1): nothing is stamped.</source>
            <translation>Não foi possível ler o banco (%1): nada é marcado (stamp).</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="425" />
            <source>The database already records %1 in its version table: nothing is stamped.</source>
            <translation>O banco já registra %1 na sua tabela de versão: nada é marcado (stamp).</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="427" />
            <source>The database has no tables: nothing is stamped (upgrade it instead).</source>
            <translation>O banco não tem tabelas: nada é marcado (atualize-o em vez disso).</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="429" />
            <source>The database's schema is exactly the one the new history builds at %1: stamping records that without running anything.</source>
            <translation>O esquema do banco é exatamente o que o novo histórico constrói em %1: marcar (stamp) registra isso sem executar nada.</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="432" />
            <source>The database's schema differs from the one the new history builds at %1, so no stamp is proposed: choose the revision it matches after checking the differences below.</source>
            <translation>O esquema do banco difere do que o novo histórico constrói em %1, por isso nenhuma marcação é proposta: escolha a revisão a que ele corresponde depois de conferir as diferenças abaixo.</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="435" />
            <source>The connection is a production one: stamp it from the graph's Stamp action, which asks for the database name.</source>
            <translation>A conexão é de produção: marque pela ação Marcar revisão do grafo, que pede o nome do banco.</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="438" />
            <source>%1 against the new heads' schema:</source>
            <translation>%1 comparado ao esquema dos novos heads:</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="451" />
            <source>Writing the initial revision…</source>
            <translation>Escrevendo a revisão inicial…</translation>
        </message>
        <message>
            <location filename="../src/app/revision/BootstrapDialog.cpp" line="451" />
            <source>Writing the initial revision and stamping %1…</source>
            <translation>Escrevendo a revisão inicial e marcando %1 (stamp)…</translation>
        </message>
    </context>
    <context>
        <name>retort::app::ConnectionBanner</name>
        <message>
            <location filename="../src/app/connection/ConnectionBanner.cpp" line="110" />
            <source>%1 on %2</source>
            <translation>%1 em %2</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionBanner.cpp" line="113" />
            <source>connecting…</source>
            <translation>conectando…</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionBanner.cpp" line="116" />
            <source>click here or use File ▸ Connect to Database</source>
            <translation>clique aqui ou use Arquivo ▸ Conectar ao banco de dados</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionBanner.cpp" line="119" />
            <source>No database connected</source>
            <translation>Nenhum banco de dados conectado</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionBanner.cpp" line="119" />
            <source>Database %1 · %2</source>
            <translation>Banco de dados %1 · %2</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionBanner.cpp" line="142" />
            <source>No database: the graph cannot show where one stands. Click to connect.</source>
            <translation>Nenhum banco de dados: o grafo não pode mostrar em que revisão ele está. Clique para conectar.</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionBanner.cpp" line="144" />
            <source>A production database: every run asks for its name to be typed first.</source>
            <translation>Um banco de dados de produção: toda execução pede que o nome dele seja digitado antes.</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionBanner.cpp" line="145" />
            <source>The database runs go to. Its kind is set in its connection profile (Connect to Database).</source>
            <translation>O banco de dados em que as execuções acontecem. O tipo dele é definido no perfil de conexão (Conectar ao banco de dados).</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionBanner.cpp" line="149" />
            <source>Click to change the connection.</source>
            <translation>Clique para mudar a conexão.</translation>
        </message>
    </context>
    <context>
        <name>retort::app::ConnectionDialog</name>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="138" />
            <source>&amp;Connect</source>
            <translation>&amp;Conectar</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="149" />
            <source>default (5432)</source>
            <translation>padrão (5432)</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="179" />
            <source>off</source>
            <translation>desligado</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="203" />
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="344" />
            <source>Type or paste a database URL, or fill in the fields.</source>
            <translation>Digite ou cole a URL de um banco de dados, ou preencha os campos.</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="266" />
            <source>%1 (missing: %2)</source>
            <translation>%1 (falta: %2)</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="296" />
            <source>%1 masks the password: type it in the password field.</source>
            <translation>%1 oculta a senha: digite-a no campo de senha.</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="298" />
            <source>Using the URL from %1.</source>
            <translation>Usando a URL de %1.</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="411" />
            <source>default (%1)</source>
            <translation>padrão (%1)</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="473" />
            <source>Choose a SQLite Database</source>
            <translation>Escolher um banco de dados SQLite</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="474" />
            <source>SQLite databases (*.db *.sqlite *.sqlite3 *.db3);;All files (*)</source>
            <translation>Bancos de dados SQLite (*.db *.sqlite *.sqlite3 *.db3);;Todos os arquivos (*)</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="545" />
            <source>Connecting to %1…</source>
            <translation>Conectando a %1…</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="587" />
            <source>Connected.</source>
            <translation>Conectado.</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="587" />
            <source>Connected: %1.</source>
            <translation>Conectado: %1.</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="608" />
            <source>Connection test stopped.</source>
            <translation>Teste de conexão interrompido.</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="626" />
            <source>New connection</source>
            <translation>Nova conexão</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="661" />
            <source>looking up the stored password…</source>
            <translation>procurando a senha guardada…</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="670" />
            <source>not stored: type it for this session</source>
            <translation>não guardada: digite-a para esta sessão</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="680" />
            <source>There is no project to save the profile in.</source>
            <translation>Não há projeto em que salvar o perfil.</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="692" />
            <source>Saved "%1".</source>
            <translation>"%1" salvo.</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="697" />
            <source>Saved "%1"; storing its password…</source>
            <translation>"%1" salvo; guardando a senha…</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="706" />
            <source>Saved "%1"; its password is in the system keychain.</source>
            <translation>"%1" salvo; a senha está no chaveiro do sistema.</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="707" />
            <source>Saved "%1". No system keychain: the password is remembered until Retort quits.</source>
            <translation>"%1" salvo. Sem chaveiro do sistema: a senha fica lembrada até o Retort fechar.</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="719" />
            <source>local</source>
            <translation>local</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="722" />
            <source>Save Connection Profile</source>
            <translation>Salvar perfil de conexão</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="723" />
            <source>Profile name (the password is not written to the settings):</source>
            <translation>Nome do perfil (a senha não é gravada nas configurações):</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="734" />
            <source>Delete Connection Profile</source>
            <translation>Excluir perfil de conexão</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="734" />
            <source>Delete the profile "%1" and its stored password?</source>
            <translation>Excluir o perfil "%1" e a senha guardada dele?</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="770" />
            <source>No system keychain: the password is remembered until Retort quits.</source>
            <translation>Sem chaveiro do sistema: a senha fica guardada até o Retort ser fechado.</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="773" />
            <source>Saved profiles keep the password in the system keychain.</source>
            <translation>Os perfis salvos guardam a senha no chaveiro do sistema.</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionDialog.cpp" line="777" />
            <source>Saved profiles keep the password in the system keychain when there is one.</source>
            <translation>Os perfis salvos guardam a senha no chaveiro do sistema, quando houver um.</translation>
        </message>
    </context>
    <context>
        <name>retort::app::ConnectionIndicator</name>
        <message>
            <location filename="../src/app/connection/ConnectionIndicator.cpp" line="94" />
            <source>Not connected</source>
            <translation>Não conectado</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionIndicator.cpp" line="95" />
            <source>No database: click to connect</source>
            <translation>Nenhum banco de dados: clique para conectar</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionIndicator.cpp" line="97" />
            <source>local</source>
            <translation>local</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionIndicator.cpp" line="97" />
            <source>remote</source>
            <translation>remoto</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionIndicator.cpp" line="100" />
            <source>Connecting · %1</source>
            <translation>Conectando · %1</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionIndicator.cpp" line="109" />
            <source>Local database %1</source>
            <translation>Banco de dados local %1</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionIndicator.cpp" line="110" />
            <source>Remote database %1: changes to it ask for confirmation</source>
            <translation>Banco de dados remoto %1: alterações nele pedem confirmação</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionIndicator.cpp" line="113" />
            <source>Click to change the connection</source>
            <translation>Clique para trocar a conexão</translation>
        </message>
        <message>
            <location filename="../src/app/connection/ConnectionIndicator.cpp" line="117" />
            <source>A %1 database: runs on it ask for more confirmation</source>
            <translation>Um banco de dados de %1: execuções nele pedem mais confirmação</translation>
        </message>
    </context>
    <context>
        <name>retort::app::DiagnosticsModel</name>
        <message>
            <location filename="../src/app/doctor/DiagnosticsModel.cpp" line="69" />
            <source>Error</source>
            <translation>Erro</translation>
        </message>
        <message>
            <location filename="../src/app/doctor/DiagnosticsModel.cpp" line="70" />
            <source>Warning</source>
            <translation>Aviso</translation>
        </message>
        <message>
            <location filename="../src/app/doctor/DiagnosticsModel.cpp" line="71" />
            <source>Info</source>
            <translation>Informação</translation>
        </message>
        <message>
            <location filename="../src/app/doctor/DiagnosticsModel.cpp" line="121" />
            <source>Severity</source>
            <translation>Gravidade</translation>
        </message>
        <message>
            <location filename="../src/app/doctor/DiagnosticsModel.cpp" line="122" />
            <source>Message</source>
            <translation>Mensagem</translation>
        </message>
        <message>
            <location filename="../src/app/doctor/DiagnosticsModel.cpp" line="123" />
            <source>Location</source>
            <translation>Local</translation>
        </message>
        <message>
            <location filename="../src/app/doctor/DiagnosticsModel.cpp" line="124" />
            <source>Revision</source>
            <translation>Revisão</translation>
        </message>
    </context>
    <context>
        <name>retort::app::DiagnosticsPanel</name>
        <message>
            <location filename="../src/app/doctor/DiagnosticsPanel.cpp" line="39" />
            <source>No problems found.</source>
            <translation>Nenhum problema encontrado.</translation>
        </message>
        <message>
            <location filename="../src/app/doctor/DiagnosticsPanel.cpp" line="48" />
            <source>&amp;Open File</source>
            <translation>&amp;Abrir arquivo</translation>
        </message>
        <message>
            <location filename="../src/app/doctor/DiagnosticsPanel.cpp" line="51" />
            <source>Fi&amp;x…</source>
            <translation>Co&amp;rrigir…</translation>
        </message>
        <message>
            <location filename="../src/app/doctor/DiagnosticsPanel.cpp" line="133" />
            <source>The selected finding names no file.</source>
            <translation>O diagnóstico selecionado não indica nenhum arquivo.</translation>
        </message>
        <message>
            <location filename="../src/app/doctor/DiagnosticsPanel.cpp" line="134" />
            <source>Open %1</source>
            <translation>Abrir %1</translation>
        </message>
        <message>
            <location filename="../src/app/doctor/DiagnosticsPanel.cpp" line="138" />
            <source>Upgrade the database to the heads (asks for confirmation first).</source>
            <translation>Atualizar o banco de dados até os heads (pede confirmação antes).</translation>
        </message>
        <message>
            <location filename="../src/app/doctor/DiagnosticsPanel.cpp" line="142" />
            <source>Stamp the database with %1 without running migrations (asks for confirmation first).</source>
            <translation>Marcar o banco de dados com %1 sem executar migrações (pede confirmação antes).</translation>
        </message>
        <message>
            <location filename="../src/app/doctor/DiagnosticsPanel.cpp" line="147" />
            <source>Replace the version table's rows with %1 (stamp --purge) without running migrations (asks for confirmation first).</source>
            <translation>Substituir as linhas da tabela de versões por %1 (stamp --purge) sem executar migrações (pede confirmação antes).</translation>
        </message>
        <message>
            <location filename="../src/app/doctor/DiagnosticsPanel.cpp" line="153" />
            <source>Have Alembic write a merge revision that joins the heads (asks first; the database is not changed).</source>
            <translation>Pedir ao Alembic uma revisão de merge que junta os heads (pergunta antes; o banco de dados não é alterado).</translation>
        </message>
        <message>
            <location filename="../src/app/doctor/DiagnosticsPanel.cpp" line="157" />
            <source>New Revision with autogenerate: review what Alembic proposes, then write it.</source>
            <translation>Nova revisão com autogenerate: revise o que o Alembic propõe e depois escreva.</translation>
        </message>
        <message>
            <location filename="../src/app/doctor/DiagnosticsPanel.cpp" line="161" />
            <source>The selected finding has no fix Retort can apply for you.</source>
            <translation>O diagnóstico selecionado não tem correção que o Retort possa aplicar.</translation>
        </message>
    </context>
    <context>
        <name>retort::app::DriftReportDialog</name>
        <message>
            <location filename="../src/app/revision/DriftReportDialog.cpp" line="15" />
            <source>Models and Database</source>
            <translation>Modelos e banco de dados</translation>
        </message>
        <message>
            <location filename="../src/app/revision/DriftReportDialog.cpp" line="23" />
            <source>&amp;Write a Migration…</source>
            <translation>&amp;Escrever uma migração…</translation>
        </message>
        <message>
            <location filename="../src/app/revision/DriftReportDialog.cpp" line="25" />
            <source>New Revision with autogenerate: Alembic proposes these changes as a migration</source>
            <translation>Nova revisão com autogenerate: o Alembic propõe estas mudanças como uma migração</translation>
        </message>
        <message>
            <location filename="../src/app/revision/DriftReportDialog.cpp" line="39" />
            <source>No new upgrade operations detected: the models match %1.</source>
            <translation>Nenhuma nova operação de upgrade detectada: os modelos correspondem a %1.</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/revision/DriftReportDialog.cpp" line="40" />
            <source>The models and %1 differ in %n change(s). A migration is missing, or the database was changed by hand:</source>
            <translation>
                <numerusform>Os modelos e %1 diferem em %n mudança. Falta uma migração, ou o banco de dados foi alterado à mão:</numerusform>
                <numerusform>Os modelos e %1 diferem em %n mudanças. Falta uma migração, ou o banco de dados foi alterado à mão:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>retort::app::GraphDelegate</name>
        <message>
            <location filename="../src/app/graph/GraphDelegate.cpp" line="289" />
            <source>current</source>
            <translation>atual</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/graph/GraphDelegate.cpp" line="296" />
            <source>%n error(s)</source>
            <translation>
                <numerusform>%n erro</numerusform>
                <numerusform>%n erros</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/graph/GraphDelegate.cpp" line="297" />
            <source>%n warning(s)</source>
            <translation>
                <numerusform>%n aviso</numerusform>
                <numerusform>%n avisos</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/graph/GraphDelegate.cpp" line="298" />
            <source>%n info</source>
            <translation>
                <numerusform>%n informação</numerusform>
                <numerusform>%n informações</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/graph/GraphDelegate.cpp" line="304" />
            <source>head</source>
            <translation>head</translation>
        </message>
        <message>
            <location filename="../src/app/graph/GraphDelegate.cpp" line="314" />
            <source>merge</source>
            <translation>merge</translation>
        </message>
        <message>
            <location filename="../src/app/graph/GraphDelegate.cpp" line="319" />
            <source>problem</source>
            <translation>problema</translation>
        </message>
    </context>
    <context>
        <name>retort::app::InterpreterDialog</name>
        <message>
            <location filename="../src/app/window/InterpreterDialog.cpp" line="22" />
            <source>Python Interpreter</source>
            <translation>Interpretador Python</translation>
        </message>
        <message>
            <location filename="../src/app/window/InterpreterDialog.cpp" line="25" />
            <source>The Python that runs this project's Alembic (its env.py, its models, its revision files). Retort remembers the choice for this project.</source>
            <translation>O Python que executa o Alembic deste projeto (o env.py, os modelos, os arquivos de revisão). O Retort lembra a escolha para este projeto.</translation>
        </message>
        <message>
            <location filename="../src/app/window/InterpreterDialog.cpp" line="31" />
            <source>&amp;Detect automatically</source>
            <translation>&amp;Detectar automaticamente</translation>
        </message>
        <message>
            <location filename="../src/app/window/InterpreterDialog.cpp" line="34" />
            <source>Looking for the project's Python…</source>
            <translation>Procurando o Python do projeto…</translation>
        </message>
        <message>
            <location filename="../src/app/window/InterpreterDialog.cpp" line="41" />
            <source>&amp;This interpreter:</source>
            <translation>&amp;Este interpretador:</translation>
        </message>
        <message>
            <location filename="../src/app/window/InterpreterDialog.cpp" line="48" />
            <source>/path/to/project/.venv/bin/python</source>
            <translation>/caminho/do/projeto/.venv/bin/python</translation>
        </message>
        <message>
            <location filename="../src/app/window/InterpreterDialog.cpp" line="49" />
            <source>&amp;Browse…</source>
            <translation>&amp;Procurar…</translation>
        </message>
        <message>
            <location filename="../src/app/window/InterpreterDialog.cpp" line="55" />
            <source>In a &amp;compose service (docker compose exec):</source>
            <translation>Em um serviço do &amp;compose (docker compose exec):</translation>
        </message>
        <message>
            <location filename="../src/app/window/InterpreterDialog.cpp" line="62" />
            <source>api</source>
            <translation>api</translation>
        </message>
        <message>
            <location filename="../src/app/window/InterpreterDialog.cpp" line="65" />
            <source>(compose's own lookup from the project folder)</source>
            <translation>(a busca do próprio compose a partir da pasta do projeto)</translation>
        </message>
        <message>
            <location filename="../src/app/window/InterpreterDialog.cpp" line="66" />
            <source>&amp;Service:</source>
            <translation>&amp;Serviço:</translation>
        </message>
        <message>
            <location filename="../src/app/window/InterpreterDialog.cpp" line="67" />
            <source>Compose &amp;file:</source>
            <translation>&amp;Arquivo do compose:</translation>
        </message>
        <message>
            <location filename="../src/app/window/InterpreterDialog.cpp" line="93" />
            <source>Choose the Project's Python</source>
            <translation>Escolher o Python do projeto</translation>
        </message>
        <message>
            <location filename="../src/app/window/InterpreterDialog.cpp" line="111" />
            <source>Found: %1</source>
            <translation>Encontrado: %1</translation>
        </message>
        <message>
            <location filename="../src/app/window/InterpreterDialog.cpp" line="114" />
            <source>Nothing found: %1</source>
            <translation>Nada encontrado: %1</translation>
        </message>
        <message>
            <location filename="../src/app/window/InterpreterDialog.cpp" line="157" />
            <source>Give the path of the project's python, or choose another option.</source>
            <translation>Informe o caminho do python do projeto ou escolha outra opção.</translation>
        </message>
        <message>
            <location filename="../src/app/window/InterpreterDialog.cpp" line="159" />
            <source>Give the compose service that runs the project.</source>
            <translation>Informe o serviço do compose que executa o projeto.</translation>
        </message>
    </context>
    <context>
        <name>retort::app::LogDock</name>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="222" />
            <source>Log</source>
            <translation>Registro</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="241" />
            <source>Output of Alembic appears here when you preview SQL, upgrade, downgrade or stamp.</source>
            <translation>A saída do Alembic aparece aqui quando você pré-visualiza o SQL ou faz upgrade, downgrade ou stamp.</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="243" />
            <source>Alembic output</source>
            <translation>Saída do Alembic</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="252" />
            <source>&amp;Show:</source>
            <translation>&amp;Mostrar:</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="255" />
            <source>Everything</source>
            <translation>Tudo</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="256" />
            <source>Debug and above</source>
            <translation>Depuração e acima</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="257" />
            <source>Information and above</source>
            <translation>Informação e acima</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="258" />
            <source>Warnings and errors</source>
            <translation>Avisos e erros</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="259" />
            <source>Errors only</source>
            <translation>Somente erros</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="263" />
            <source>Filter messages</source>
            <translation>Filtrar mensagens</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="267" />
            <source>Open Log File</source>
            <translation>Abrir arquivo de registro</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="268" />
            <source>Open the complete log file in the desktop's text viewer</source>
            <translation>Abre o arquivo de registro completo no visualizador de texto da área de trabalho</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="273" />
            <source>Clear</source>
            <translation>Limpar</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="274" />
            <source>Clear both log views (the log file is kept)</source>
            <translation>Limpa as duas visões do registro (o arquivo de registro é mantido)</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="302" />
            <source>Application log</source>
            <translation>Registro do aplicativo</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="400" />
            <source>There is no log file: logging to a file is off or the data folder is not writable.</source>
            <translation>Não há arquivo de registro: o registro em arquivo está desligado ou a pasta de dados não permite escrita.</translation>
        </message>
    </context>
    <context>
        <name>retort::app::LogModel</name>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="65" />
            <source>trace</source>
            <translation>rastro</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="67" />
            <source>debug</source>
            <translation>depuração</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="69" />
            <source>info</source>
            <translation>informação</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="71" />
            <source>warning</source>
            <translation>aviso</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="73" />
            <source>error</source>
            <translation>erro</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="75" />
            <source>critical</source>
            <translation>crítico</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="172" />
            <source>Time</source>
            <translation>Hora</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="174" />
            <source>Level</source>
            <translation>Nível</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="176" />
            <source>Source</source>
            <translation>Origem</translation>
        </message>
        <message>
            <location filename="../src/app/log/LogDock.cpp" line="178" />
            <source>Message</source>
            <translation>Mensagem</translation>
        </message>
    </context>
    <context>
        <name>retort::app::MainWindow</name>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1568" />
            <source>Retort</source>
            <translation>Retort</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1681" />
            <source>Quit Retort</source>
            <translation>Sai do Retort</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="150" />
            <source>Create the Database</source>
            <translation>Criar o banco de dados</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="151" />
            <source>The server %1 has no database “%2”. Create it now (CREATE DATABASE, as the connection's user)?</source>
            <translation>O servidor %1 não tem o banco de dados “%2”. Criá-lo agora (CREATE DATABASE, com o usuário da conexão)?</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="217" />
            <source>Details</source>
            <translation>Detalhes</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="219" />
            <source>SQL Preview</source>
            <translation>Pré-visualização de SQL</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="221" />
            <source>Run</source>
            <translation>Execução</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="223" />
            <location filename="../src/app/window/MainWindow.cpp" line="264" />
            <source>Diagnostics</source>
            <translation>Diagnóstico</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="225" />
            <source>Schema</source>
            <translation>Esquema</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="229" />
            <source>Schema Changes</source>
            <translation>Mudanças no Esquema</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="233" />
            <location filename="../src/app/window/MainWindow.cpp" line="304" />
            <source>Review</source>
            <translation>Análise</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="247" />
            <source>&amp;Theme</source>
            <translation>&amp;Tema</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="251" />
            <source>&amp;System</source>
            <translation>Do &amp;sistema</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="251" />
            <source>&amp;Light</source>
            <translation>&amp;Claro</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="251" />
            <source>&amp;Dark</source>
            <translation>&amp;Escuro</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="265" />
            <source>Diagnostics (%1)</source>
            <translation>Diagnóstico (%1)</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="304" />
            <source>Review (%1)</source>
            <translation>Análise (%1)</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="488" />
            <source>Copied %1 to the clipboard.</source>
            <translation>%1 copiado para a área de transferência.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="513" />
            <source>Project files changed on disk: reloading.</source>
            <translation>Os arquivos do projeto mudaram no disco: recarregando.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="555" />
            <source>SQL preview failed: %1</source>
            <translation>A pré-visualização de SQL falhou: %1</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="584" />
            <location filename="../src/app/window/MainWindow.cpp" line="588" />
            <location filename="../src/app/window/MainWindow.cpp" line="616" />
            <location filename="../src/app/window/MainWindow.cpp" line="667" />
            <source>Open Project</source>
            <translation>Abrir projeto</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="589" />
            <source>The demo project is not installed and no project was given.</source>
            <translation>O projeto de demonstração não está instalado e nenhum projeto foi informado.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="590" />
            <source>Open a folder that holds an alembic.ini (File ▸ Open Project).</source>
            <translation>Abra uma pasta que contenha um alembic.ini (Arquivo ▸ Abrir projeto).</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="600" />
            <source>Opening %1…</source>
            <translation>Abrindo %1…</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="633" />
            <source>Python Interpreter</source>
            <translation>Interpretador Python</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="648" />
            <source>Python for %1: %2</source>
            <translation>Python para %1: %2</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="649" />
            <source>detected automatically</source>
            <translation>detectado automaticamente</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="652" />
            <source>compose service %1</source>
            <translation>serviço do compose %1</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="669" />
            <source>Open Alembic Project</source>
            <translation>Abrir projeto Alembic</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="671" />
            <source>Alembic configuration (alembic.ini *.ini pyproject.toml)</source>
            <translation>Configuração do Alembic (alembic.ini *.ini pyproject.toml)</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="671" />
            <source>All files (*)</source>
            <translation>Todos os arquivos (*)</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="675" />
            <source>Open</source>
            <translation>Abrir</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="690" />
            <location filename="../src/app/window/MainWindow.cpp" line="714" />
            <source>Connect to Database</source>
            <translation>Conectar ao banco de dados</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="703" />
            <source>demo</source>
            <translation>demonstração</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="727" />
            <source>Loading %1…</source>
            <translation>Carregando %1…</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="740" />
            <location filename="../src/app/window/MainWindow.cpp" line="945" />
            <source>Select a revision to see the SQL that takes the database there.</source>
            <translation>Selecione uma revisão para ver o SQL que leva o banco de dados até ela.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="782" />
            <source>Could not open %1 — still showing %2; runs are disabled until a project loads.</source>
            <translation>Não foi possível abrir %1 — ainda mostrando %2; as execuções ficam desativadas até um projeto carregar.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="809" />
            <source>Create it with File › Create the Database…, or fix the database name in the connection.</source>
            <translation>Crie-o em Arquivo › Criar o banco de dados…, ou corrija o nome do banco de dados na conexão.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="847" />
            <source>'%1' names no revision to select.</source>
            <translation>'%1' não indica nenhuma revisão a selecionar.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="849" />
            <source>--select %1: %2</source>
            <translation>--select %1: %2</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="850" />
            <source>Cannot select '%1': %2</source>
            <translation>Não é possível selecionar '%1': %2</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="951" />
            <location filename="../src/app/window/MainWindow.cpp" line="952" />
            <source>SQL needs the project's alembic.ini; this is a bare versions folder.</source>
            <translation>O SQL precisa do alembic.ini do projeto; esta é apenas uma pasta de versões.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="965" />
            <source>The database is at %1 already: nothing to run.</source>
            <translation>O banco de dados já está em %1: nada a executar.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="966" />
            <source>Nothing pending for %1: nothing to review.</source>
            <translation>Nada pendente para %1: nada a revisar.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="973" />
            <source>Upgrade to %1</source>
            <translation>Upgrade até %1</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="973" />
            <source>Downgrade to %1</source>
            <translation>Downgrade até %1</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="991" />
            <source>The review reads the SQL of the database's own dialect; the preview shows the dialect you picked.</source>
            <translation>A revisão lê o SQL do dialeto do próprio banco de dados; a pré-visualização mostra o dialeto que você escolheu.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1003" />
            <source>The review needs the database's state.</source>
            <translation>A revisão precisa do estado do banco de dados.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1051" />
            <source>Creating the database %1 on %2…</source>
            <translation>Criando o banco de dados %1 em %2…</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1065" />
            <source>Database created.</source>
            <translation>Banco de dados criado.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1069" />
            <source>Could not create the database</source>
            <translation>Não foi possível criar o banco de dados</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1088" />
            <location filename="../src/app/window/MainWindow.cpp" line="1094" />
            <source>Cannot reset</source>
            <translation>Não é possível reiniciar</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1098" />
            <source>Nothing to reset: the project has no revisions.</source>
            <translation>Nada a reiniciar: o projeto não tem revisões.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1124" />
            <source>Cannot merge</source>
            <translation>Não é possível mesclar</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1124" />
            <source>Writing a merge revision needs the project's alembic.ini.</source>
            <translation>Escrever uma revisão de merge exige o alembic.ini do projeto.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1125" />
            <source>Open the project folder instead of its versions folder.</source>
            <translation>Abra a pasta do projeto em vez da pasta de versões.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1134" />
            <source>Nothing to merge: the project has one head.</source>
            <translation>Nada a mesclar: o projeto tem um único head.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1140" />
            <source>Merging %1 through Alembic: %2</source>
            <translation>Mesclando %1 pelo Alembic: %2</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1145" />
            <source>Writing a merge revision through Alembic…</source>
            <translation>Escrevendo uma revisão de merge pelo Alembic…</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1154" />
            <source>Merge failed: %1</source>
            <translation>O merge falhou: %1</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1155" />
            <source>Alembic could not write the merge revision</source>
            <translation>O Alembic não conseguiu escrever a revisão de merge</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1159" />
            <source>Created merge revision %1 (%2). Upgrade to apply it.</source>
            <translation>Revisão de merge %1 criada (%2). Faça o upgrade para aplicá-la.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1170" />
            <source>Cancelling the run on user request</source>
            <translation>Cancelando a execução a pedido do usuário</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1181" />
            <source>Nothing to run: the database is there already.</source>
            <translation>Nada a executar: o banco de dados já está lá.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1185" />
            <source>Cannot upgrade</source>
            <translation>Não é possível fazer upgrade</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1186" />
            <source>Cannot downgrade</source>
            <translation>Não é possível fazer downgrade</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1187" />
            <source>Cannot stamp</source>
            <translation>Não foi possível marcar a revisão (stamp)</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1198" />
            <source>Comparing the database with the schema %1 implies…</source>
            <translation>Comparando o banco com o schema que %1 implica…</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1230" />
            <source>A migration is running; the review of what is pending follows when it is done.</source>
            <translation>Uma migração está em execução; a revisão do que está pendente vem quando ela terminar.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1259" />
            <source>Running %1 (%2 of %3)…</source>
            <translation>Executando %1 (%2 de %3)…</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1284" />
            <source>Alembic failed</source>
            <translation>O Alembic falhou</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1285" />
            <source>Alembic failed in %1</source>
            <translation>O Alembic falhou em %1</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1287" />
            <source>Run cancelled.</source>
            <translation>Execução cancelada.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1287" />
            <source>Run failed: %1</source>
            <translation>A execução falhou: %1</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1289" />
            <source>Run finished in %1 ms.</source>
            <translation>Execução concluída em %1 ms.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1310" />
            <location filename="../src/app/window/MainWindow.cpp" line="1321" />
            <source>Reset stopped</source>
            <translation>Reinício interrompido</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1313" />
            <source>After the downgrade the database holds %1, not base: the upgrade was not run.</source>
            <translation>Depois da reversão o banco de dados está em %1, não na base: a atualização não foi executada.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1315" />
            <source>Retort could not read the database after the downgrade: the upgrade was not run.</source>
            <translation>O Retort não conseguiu ler o banco de dados depois da reversão: a atualização não foi executada.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1316" />
            <source>Look at the database (Reload), then upgrade to heads yourself.</source>
            <translation>Verifique o banco de dados (Recarregar) e depois atualize até os heads você mesmo.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1330" />
            <source>Reset: the database is at base; upgrading to heads…</source>
            <translation>Reinício: o banco de dados está na base; atualizando até os heads…</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1364" />
            <location filename="../src/app/window/MainWindow.cpp" line="1370" />
            <location filename="../src/app/window/MainWindow.cpp" line="1377" />
            <source>Export Graph</source>
            <translation>Exportar grafo</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1365" />
            <source>SVG image (*.svg);;PNG image (*.png)</source>
            <translation>Imagem SVG (*.svg);;Imagem PNG (*.png)</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1379" />
            <source>Graph exported to %1</source>
            <translation>Grafo exportado para %1</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1440" />
            <source>Could not open %1 — showing %2</source>
            <translation>Não foi possível abrir %1 — mostrando %2</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/window/MainWindow.cpp" line="1444" />
            <source>%n revision(s)</source>
            <translation>
                <numerusform>%n revisão</numerusform>
                <numerusform>%n revisões</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/window/MainWindow.cpp" line="1445" />
            <source>%n head(s)</source>
            <translation>
                <numerusform>%n head</numerusform>
                <numerusform>%n heads</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1451" />
            <source>Could not open %1</source>
            <translation>Não foi possível abrir %1</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/window/MainWindow.cpp" line="1465" />
            <source>%1 — %n pending</source>
            <translation>
                <numerusform>%1 — %n pendente</numerusform>
                <numerusform>%1 — %n pendentes</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1527" />
            <source>up to date</source>
            <translation>em dia</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/window/MainWindow.cpp" line="1527" />
            <source>%n pending</source>
            <translation>
                <numerusform>%n pendente</numerusform>
                <numerusform>%n pendentes</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1528" />
            <source>%1 · %2</source>
            <translation>%1 · %2</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1537" />
            <source>Select a revision to review the SQL that takes the database there.</source>
            <translation>Selecione uma revisão para revisar o SQL que leva o banco de dados até ela.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1542" />
            <source>The database is at the heads: nothing to review.</source>
            <translation>O banco de dados está nos heads: nada a revisar.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1546" />
            <source>Upgrade to the heads</source>
            <translation>Upgrade para os heads</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1568" />
            <source>%1 — Retort</source>
            <translation>%1 — Retort</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1651" />
            <source>No recent projects</source>
            <translation>Nenhum projeto recente</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1654" />
            <source>Clear List</source>
            <translation>Limpar lista</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1682" />
            <source>A migration is running. Cancel it and quit?</source>
            <translation>Uma migração está em andamento. Cancelar e sair?</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1732" />
            <source>Could not render the window.</source>
            <translation>Não foi possível renderizar a janela.</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1736" />
            <source>Cannot write %1: %2</source>
            <translation>Não é possível gravar %1: %2</translation>
        </message>
        <message>
            <location filename="../src/app/window/MainWindow.cpp" line="1737" />
            <source>Choose a writable folder.</source>
            <translation>Escolha uma pasta com permissão de escrita.</translation>
        </message>
    </context>
    <context>
        <name>retort::app::MergeController</name>
        <message>
            <location filename="../src/app/run/MergeController.cpp" line="40" />
            <source>Merging %1 through Alembic</source>
            <translation>Mesclando %1 pelo Alembic</translation>
        </message>
        <message>
            <location filename="../src/app/run/MergeController.cpp" line="57" />
            <source>Alembic wrote merge revision %1 in %2</source>
            <translation>O Alembic gravou a revisão de merge %1 em %2</translation>
        </message>
    </context>
    <context>
        <name>retort::app::MergeHeadsDialog</name>
        <message>
            <location filename="../src/app/run/MergeHeadsDialog.cpp" line="34" />
            <source>Merge Heads</source>
            <translation>Mesclar heads</translation>
        </message>
        <message>
            <location filename="../src/app/run/MergeHeadsDialog.cpp" line="39" />
            <source>&lt;b&gt;Join %1 heads with a merge revision&lt;/b&gt;</source>
            <translation>&lt;b&gt;Juntar %1 heads com uma revisão de merge&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../src/app/run/MergeHeadsDialog.cpp" line="41" />
            <source>Alembic writes a new revision file whose down_revision lists the heads ticked below. The database is not touched: upgrade afterwards to record the merge there.</source>
            <translation>O Alembic escreve um novo arquivo de revisão cujo down_revision lista os heads marcados abaixo. O banco de dados não é tocado: faça o upgrade depois para registrar o merge nele.</translation>
        </message>
        <message>
            <location filename="../src/app/run/MergeHeadsDialog.cpp" line="61" />
            <source>Space toggles whether %1 is joined</source>
            <translation>Espaço alterna se %1 entra no merge</translation>
        </message>
        <message>
            <location filename="../src/app/run/MergeHeadsDialog.cpp" line="72" />
            <source>no message (Alembic's default)</source>
            <translation>sem mensagem (padrão do Alembic)</translation>
        </message>
        <message>
            <location filename="../src/app/run/MergeHeadsDialog.cpp" line="74" />
            <source>&amp;Message:</source>
            <translation>&amp;Mensagem:</translation>
        </message>
        <message>
            <location filename="../src/app/run/MergeHeadsDialog.cpp" line="78" />
            <source>New file in:</source>
            <translation>Novo arquivo em:</translation>
        </message>
        <message>
            <location filename="../src/app/run/MergeHeadsDialog.cpp" line="84" />
            <source>Same as:</source>
            <translation>Equivale a:</translation>
        </message>
        <message>
            <location filename="../src/app/run/MergeHeadsDialog.cpp" line="89" />
            <source>These heads are on separately labelled branches. Merge them only if they are meant to be one history again; otherwise upgrade with "heads" or &lt;label&gt;@head.</source>
            <translation>Estes heads estão em branches com rótulos diferentes. Mescle-os só se devem voltar a ser um único histórico; caso contrário, faça o upgrade com "heads" ou &lt;label&gt;@head.</translation>
        </message>
        <message>
            <location filename="../src/app/run/MergeHeadsDialog.cpp" line="97" />
            <source>&amp;Create Merge Revision</source>
            <translation>&amp;Criar revisão de merge</translation>
        </message>
        <message>
            <location filename="../src/app/run/MergeHeadsDialog.cpp" line="130" />
            <source>Tick at least two heads to merge.</source>
            <translation>Marque pelo menos dois heads para mesclar.</translation>
        </message>
    </context>
    <context>
        <name>retort::app::NewRevisionDialog</name>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="43" />
            <source>New Revision</source>
            <translation>Nova revisão</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="59" />
            <source>What the revision does, e.g. add orders table</source>
            <translation>O que a revisão faz, por exemplo: adicionar a tabela de pedidos</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="60" />
            <source>&amp;Message:</source>
            <translation>&amp;Mensagem:</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="65" />
            <source>&amp;Empty: upgrade() and downgrade() to write yourself</source>
            <translation>&amp;Vazia: upgrade() e downgrade() para você escrever</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="66" />
            <source>&amp;Autogenerate from the models: compare env.py's target_metadata with the database</source>
            <translation>&amp;Gerar a partir dos modelos: comparar o target_metadata do env.py com o banco de dados</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="73" />
            <source>Contents:</source>
            <translation>Conteúdo:</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="79" />
            <source>The head (Alembic's default)</source>
            <translation>O head (padrão do Alembic)</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="82" />
            <source>%1 — %2 (head)</source>
            <translation>%1 — %2 (head)</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="84" />
            <source>base — a new root, with no parent</source>
            <translation>base — uma nova raiz, sem mãe</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="90" />
            <source>%1 — %2 (not a head: a new branch)</source>
            <translation>%1 — %2 (não é um head: um novo ramo)</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="95" />
            <source>&amp;Parent:</source>
            <translation>Revisão &amp;mãe:</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="97" />
            <source>&amp;Splice: branch from a revision that is not a head (--splice)</source>
            <translation>&amp;Splice: ramificar de uma revisão que não é um head (--splice)</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="101" />
            <source>optional: a label naming a new branch</source>
            <translation>opcional: um rótulo que nomeia um novo ramo</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="102" />
            <source>Branch &amp;label:</source>
            <translation>Rótu&amp;lo de ramo:</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="105" />
            <source>optional: revisions or branch labels, separated by commas</source>
            <translation>opcional: revisões ou rótulos de ramo, separados por vírgulas</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="106" />
            <source>&amp;Depends on:</source>
            <translation>&amp;Depende de:</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="109" />
            <source>optional: Alembic generates one</source>
            <translation>opcional: o Alembic gera um</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="110" />
            <source>Revision &amp;id:</source>
            <translation>&amp;Id da revisão:</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="113" />
            <source>Alembic's choice: the parent's folder</source>
            <translation>Escolha do Alembic: a pasta da revisão mãe</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="118" />
            <source>&amp;Folder:</source>
            <translation>&amp;Pasta:</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="125" />
            <source>Same as:</source>
            <translation>Equivale a:</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="154" />
            <source>&amp;Back</source>
            <translation>&amp;Voltar</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="156" />
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="242" />
            <source>&amp;Write Revision</source>
            <translation>&amp;Escrever revisão</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="161" />
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="235" />
            <source>&amp;Review Changes…</source>
            <translation>&amp;Revisar mudanças…</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="161" />
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="235" />
            <source>&amp;Create Revision</source>
            <translation>&amp;Criar revisão</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="242" />
            <source>&amp;Write Empty Revision</source>
            <translation>&amp;Escrever revisão vazia</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="262" />
            <source>Comparing the models with the database…</source>
            <translation>Comparando os modelos com o banco de dados…</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="275" />
            <source>Alembic is writing the revision…</source>
            <translation>O Alembic está escrevendo a revisão…</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="289" />
            <source>env.py's process_revision_directives dropped the revision: Alembic would write nothing.</source>
            <translation>O process_revision_directives do env.py descartou a revisão: o Alembic não escreveria nada.</translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="291" />
            <source>Autogenerate found no difference between the models and %1: the revision would be empty (upgrade() and downgrade() with only pass).</source>
            <translation>O autogenerate não encontrou diferença entre os modelos e %1: a revisão ficaria vazia (upgrade() e downgrade() só com pass).</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="295" />
            <source>Autogenerate compared the models with %1 and proposes %n change(s). Read them before writing the revision:</source>
            <translation>
                <numerusform>O autogenerate comparou os modelos com %1 e propõe %n mudança. Leia antes de escrever a revisão:</numerusform>
                <numerusform>O autogenerate comparou os modelos com %1 e propõe %n mudanças. Leia-as antes de escrever a revisão:</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/revision/NewRevisionDialog.cpp" line="315" />
            <source>Alembic wrote no file: env.py's process_revision_directives dropped the revision.</source>
            <translation>O Alembic não escreveu nenhum arquivo: o process_revision_directives do env.py descartou a revisão.</translation>
        </message>
    </context>
    <context>
        <name>retort::app::PythonEditor</name>
        <message>
            <location filename="../src/app/editor/PythonEditor.cpp" line="29" />
            <source>File changed on disk</source>
            <translation>Arquivo alterado no disco</translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditor.cpp" line="30" />
            <source>%1 changed on disk, and this editor holds unsaved edits.

Reload the file and lose the edits?</source>
            <translation>%1 foi alterado no disco, e este editor tem edições não salvas.

Recarregar o arquivo e perder as edições?</translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditor.cpp" line="43" />
            <source>Cannot read %1: %2</source>
            <translation>Não foi possível ler %1: %2</translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditor.cpp" line="67" />
            <source>Cannot save %1: %2</source>
            <translation>Não foi possível salvar %1: %2</translation>
        </message>
    </context>
    <context>
        <name>retort::app::PythonEditorWindow</name>
        <message>
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="38" />
            <source>Find</source>
            <translation>Localizar</translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="41" />
            <source>Replace with</source>
            <translation>Substituir por</translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="42" />
            <source>F&amp;ind:</source>
            <translation>Loca&amp;lizar:</translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="44" />
            <source>Re&amp;place:</source>
            <translation>Su&amp;bstituir:</translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="46" />
            <source>Previous</source>
            <translation>Anterior</translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="47" />
            <source>Next</source>
            <translation>Próximo</translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="48" />
            <source>Match &amp;case</source>
            <translation>Diferenciar &amp;maiúsculas</translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="49" />
            <source>Replace</source>
            <translation>Substituir</translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="50" />
            <source>Replace &amp;All</source>
            <translation>Substituir &amp;todos</translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="53" />
            <source>Close the find bar (Esc)</source>
            <translation>Fechar a barra de busca (Esc)</translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="101" />
            <source>No more matches for “%1”.</source>
            <translation>Não há mais ocorrências de “%1”.</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="105" />
            <source>Replaced %n occurrence(s).</source>
            <translation>
                <numerusform>%n ocorrência substituída.</numerusform>
                <numerusform>%n ocorrências substituídas.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="108" />
            <source>Reloaded: the file changed on disk.</source>
            <translation>Recarregado: o arquivo foi alterado no disco.</translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="110" />
            <source>The file changed on disk; your unsaved edits are kept. Saving overwrites it.</source>
            <translation>O arquivo foi alterado no disco; suas edições não salvas foram mantidas. Salvar o sobrescreve.</translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="112" />
            <source>Unsaved edits</source>
            <translation>Edições não salvas</translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="112" />
            <source>Save the changes to %1?</source>
            <translation>Salvar as mudanças em %1?</translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="121" />
            <source>Cannot open the file</source>
            <translation>Não foi possível abrir o arquivo</translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="132" />
            <source>Cannot save the file</source>
            <translation>Não foi possível salvar o arquivo</translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="135" />
            <source>Saved.</source>
            <translation>Salvo.</translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="170" />
            <source>“%1” not found.</source>
            <translation>“%1” não encontrado.</translation>
        </message>
        <message>
            <location filename="../src/app/editor/PythonEditorWindow.cpp" line="181" />
            <source>%1[*] — Retort</source>
            <translation>%1[*] — Retort</translation>
        </message>
    </context>
    <context>
        <name>retort::app::ResetConfirmDialog</name>
        <message>
            <location filename="../src/app/run/ResetConfirmDialog.cpp" line="17" />
            <source>Reset the Database</source>
            <translation>Reiniciar o banco de dados</translation>
        </message>
        <message>
            <location filename="../src/app/run/ResetConfirmDialog.cpp" line="21" />
            <source>the database</source>
            <translation>o banco de dados</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/run/ResetConfirmDialog.cpp" line="26" />
            <source>Reset %1: downgrade to base (%n step(s)), then upgrade to heads.</source>
            <translation>
                <numerusform>Reiniciar %1: reverter até a base (%n passo), depois atualizar até os heads.</numerusform>
                <numerusform>Reiniciar %1: reverter até a base (%n passos), depois atualizar até os heads.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/run/ResetConfirmDialog.cpp" line="30" />
            <source>The upgrade runs %n step(s).</source>
            <translation>
                <numerusform>A atualização executa %n passo.</numerusform>
                <numerusform>A atualização executa %n passos.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/run/ResetConfirmDialog.cpp" line="33" />
            <source>Every table, column and row the migrations created is dropped by the downgrades; the data in them is lost.</source>
            <translation>Toda tabela, coluna e linha que as migrações criaram é removida pelas reversões; os dados nelas se perdem.</translation>
        </message>
        <message>
            <location filename="../src/app/run/ResetConfirmDialog.cpp" line="43" />
            <source>Downgrade steps, in order:</source>
            <translation>Passos da reversão, em ordem:</translation>
        </message>
        <message>
            <location filename="../src/app/run/ResetConfirmDialog.cpp" line="52" />
            <source>&amp;Reset</source>
            <translation>&amp;Reiniciar</translation>
        </message>
        <message>
            <location filename="../src/app/run/ResetConfirmDialog.cpp" line="61" />
            <source>%1 is not on this machine. Type its host name to reset it:</source>
            <translation>%1 não está nesta máquina. Digite o nome do host para reiniciá-lo:</translation>
        </message>
        <message>
            <location filename="../src/app/run/ResetConfirmDialog.cpp" line="62" />
            <source>This is a production connection. Type the database name (%1) to reset it:</source>
            <translation>Esta é uma conexão de produção. Digite o nome do banco de dados (%1) para reiniciá-lo:</translation>
        </message>
    </context>
    <context>
        <name>retort::app::ReviewModel</name>
        <message>
            <location filename="../src/app/review/ReviewModel.cpp" line="56" />
            <source>%1. %2</source>
            <translation>%1. %2</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewModel.cpp" line="102" />
            <source>Severity</source>
            <translation>Gravidade</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewModel.cpp" line="103" />
            <source>Step</source>
            <translation>Passo</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewModel.cpp" line="104" />
            <source>Rule</source>
            <translation>Regra</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewModel.cpp" line="105" />
            <source>Table</source>
            <translation>Tabela</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewModel.cpp" line="106" />
            <source>Lock</source>
            <translation>Bloqueio</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewModel.cpp" line="107" />
            <source>Weight</source>
            <translation>Peso</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewModel.cpp" line="108" />
            <source>Message</source>
            <translation>Mensagem</translation>
        </message>
    </context>
    <context>
        <name>retort::app::ReviewPanel</name>
        <message>
            <location filename="../src/app/review/ReviewPanel.cpp" line="46" />
            <source>Count Rows Exactly</source>
            <translation>Contar linhas exatamente</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewPanel.cpp" line="48" />
            <source>Review again with count(*) of every table the plan touches instead of the planner's estimates (reads every row of them)</source>
            <translation>Revisar de novo com count(*) de cada tabela que o plano toca em vez das estimativas do planejador (lê todas as linhas delas)</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewPanel.cpp" line="71" />
            <source>Select a revision to review the SQL that takes the database there.</source>
            <translation>Selecione uma revisão para revisar o SQL que leva o banco de dados até ela.</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewPanel.cpp" line="103" />
            <source>Safety review</source>
            <translation>Revisão de segurança</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewPanel.cpp" line="105" />
            <source>Reviewing the SQL: locks, rewrites, data loss, and who holds the tables now…</source>
            <translation>Revisando o SQL: bloqueios, reescritas, perda de dados e quem está usando as tabelas agora…</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewPanel.cpp" line="106" />
            <source>Reviewing…</source>
            <translation>Revisando…</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewPanel.cpp" line="112" />
            <source>weighed against the database</source>
            <translation>ponderado com o banco de dados</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewPanel.cpp" line="113" />
            <source>offline (no row counts)</source>
            <translation>offline (sem contagem de linhas)</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewPanel.cpp" line="117" />
            <source>No findings: nothing in this plan locks a table for long, rewrites one, or loses data.</source>
            <translation>Nenhum achado: nada neste plano bloqueia uma tabela por muito tempo, reescreve uma tabela ou perde dados.</translation>
        </message>
        <message>
            <location filename="../src/app/review/ReviewPanel.cpp" line="149" />
            <source>The review failed: %1</source>
            <translation>A revisão falhou: %1</translation>
        </message>
    </context>
    <context>
        <name>retort::app::RevisionController</name>
        <message>
            <location filename="../src/app/revision/RevisionController.cpp" line="34" />
            <source>Alembic wrote revision %1 in %2</source>
            <translation>O Alembic escreveu a revisão %1 em %2</translation>
        </message>
        <message>
            <location filename="../src/app/revision/RevisionController.cpp" line="76" />
            <source>Comparing the models with the database (autogenerate review)</source>
            <translation>Comparando os modelos com o banco de dados (revisão do autogenerate)</translation>
        </message>
        <message>
            <location filename="../src/app/revision/RevisionController.cpp" line="93" />
            <source>Writing a new revision through Alembic</source>
            <translation>Escrevendo uma nova revisão pelo Alembic</translation>
        </message>
        <message>
            <location filename="../src/app/revision/RevisionController.cpp" line="112" />
            <source>Checking the models against the database</source>
            <translation>Comparando os modelos com o banco de dados</translation>
        </message>
    </context>
    <context>
        <name>retort::app::RevisionDetails</name>
        <message>
            <location filename="../src/app/graph/RevisionDetails.cpp" line="50" />
            <source># Cannot read %1: %2</source>
            <translation># Não é possível ler %1: %2</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionDetails.cpp" line="72" />
            <source>Revision</source>
            <translation>Revisão</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionDetails.cpp" line="73" />
            <source>Message</source>
            <translation>Mensagem</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionDetails.cpp" line="74" />
            <source>Kind</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionDetails.cpp" line="75" />
            <source>Parents</source>
            <translation>Pais</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionDetails.cpp" line="76" />
            <source>Children</source>
            <translation>Filhos</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionDetails.cpp" line="77" />
            <source>Branch labels</source>
            <translation>Rótulos de branch</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionDetails.cpp" line="78" />
            <source>Depends on</source>
            <translation>Depende de</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionDetails.cpp" line="79" />
            <source>Created</source>
            <translation>Criada em</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionDetails.cpp" line="80" />
            <source>File</source>
            <translation>Arquivo</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionDetails.cpp" line="81" />
            <source>Problems</source>
            <translation>Problemas</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionDetails.cpp" line="147" />
            <source>&lt;i&gt;Select a revision in the graph.&lt;/i&gt;</source>
            <translation>&lt;i&gt;Selecione uma revisão no grafo.&lt;/i&gt;</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionDetails.cpp" line="163" />
            <source>&lt;i&gt;(no message)&lt;/i&gt;</source>
            <translation>&lt;i&gt;(sem mensagem)&lt;/i&gt;</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionDetails.cpp" line="166" />
            <source>head</source>
            <translation>head</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionDetails.cpp" line="168" />
            <source>base</source>
            <translation>base</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionDetails.cpp" line="170" />
            <source>branch point</source>
            <translation>ponto de ramificação</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionDetails.cpp" line="172" />
            <source>merge</source>
            <translation>merge</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionDetails.cpp" line="173" />
            <source>revision</source>
            <translation>revisão</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionDetails.cpp" line="181" />
            <source>%1 (inherited)</source>
            <translation>%1 (herdado)</translation>
        </message>
    </context>
    <context>
        <name>retort::app::RevisionGraphModel</name>
        <message>
            <location filename="../src/app/graph/RevisionGraphModel.cpp" line="196" />
            <source>Current revision of the database</source>
            <translation>Revisão atual do banco de dados</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionGraphModel.cpp" line="198" />
            <source>Applied</source>
            <translation>Aplicada</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionGraphModel.cpp" line="198" />
            <source>Pending</source>
            <translation>Pendente</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionGraphModel.cpp" line="201" />
            <source>Problems: %1</source>
            <translation>Problemas: %1</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/graph/RevisionGraphModel.cpp" line="206" />
            <source>%n error(s)</source>
            <translation>
                <numerusform>%n erro</numerusform>
                <numerusform>%n erros</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/graph/RevisionGraphModel.cpp" line="208" />
            <source>%n warning(s)</source>
            <translation>
                <numerusform>%n aviso</numerusform>
                <numerusform>%n avisos</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/graph/RevisionGraphModel.cpp" line="210" />
            <source>%n info</source>
            <translation>
                <numerusform>%n informação</numerusform>
                <numerusform>%n informações</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionGraphModel.cpp" line="211" />
            <source>Review of its pending step: %1</source>
            <translation>Análise do passo pendente: %1</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionGraphModel.cpp" line="271" />
            <source>Graph</source>
            <translation>Grafo</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionGraphModel.cpp" line="272" />
            <source>Revision</source>
            <translation>Revisão</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionGraphModel.cpp" line="273" />
            <source>Message</source>
            <translation>Mensagem</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionGraphModel.cpp" line="274" />
            <source>Labels</source>
            <translation>Rótulos</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionGraphModel.cpp" line="275" />
            <source>Created</source>
            <translation>Criada em</translation>
        </message>
    </context>
    <context>
        <name>retort::app::RevisionGraphPanel</name>
        <message>
            <location filename="../src/app/graph/RevisionGraphPanel.cpp" line="37" />
            <source>Filter by id, message or label — or type a target (+2, heads, label@head) to see what it runs</source>
            <translation>Filtre por id, mensagem ou rótulo — ou digite um alvo (+2, heads, rótulo@head) para ver o que ele executa</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionGraphPanel.cpp" line="242" />
            <source>upgrade</source>
            <translation>upgrade</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionGraphPanel.cpp" line="242" />
            <source>downgrade</source>
            <translation>downgrade</translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionGraphPanel.cpp" line="244" />
            <source>'%1': already there, nothing to run</source>
            <translation>'%1': já está lá, nada a executar</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/graph/RevisionGraphPanel.cpp" line="246" />
            <source>%1 %2 runs %n step(s)</source>
            <translation>
                <numerusform>%1 %2 executa %n passo</numerusform>
                <numerusform>%1 %2 executa %n passos</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionGraphPanel.cpp" line="257" />
            <source>'%1': %2</source>
            <translation>'%1': %2</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/graph/RevisionGraphPanel.cpp" line="265" />
            <source>%n revision(s)</source>
            <translation>
                <numerusform>%n revisão</numerusform>
                <numerusform>%n revisões</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/graph/RevisionGraphPanel.cpp" line="267" />
            <source>%1 of %n revision(s) match</source>
            <translation>
                <numerusform>%1 de %n revisão corresponde</numerusform>
                <numerusform>%1 de %n revisões correspondem</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/graph/RevisionGraphPanel.cpp" line="269" />
            <source>As a target: %1</source>
            <translation>Como alvo: %1</translation>
        </message>
    </context>
    <context>
        <name>retort::app::RevisionWorkflow</name>
        <message>
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="42" />
            <source>Cannot write a revision</source>
            <translation>Não é possível escrever uma revisão</translation>
        </message>
        <message>
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="43" />
            <source>Writing a revision needs the project's alembic.ini.</source>
            <translation>Escrever uma revisão exige o alembic.ini do projeto.</translation>
        </message>
        <message>
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="44" />
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="185" />
            <source>Open the project folder instead of its versions folder.</source>
            <translation>Abra a pasta do projeto em vez da sua pasta de versões.</translation>
        </message>
        <message>
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="71" />
            <source>Alembic wrote revision %1 (%2). Upgrade to apply it.</source>
            <translation>O Alembic escreveu a revisão %1 (%2). Faça o upgrade para aplicá-la.</translation>
        </message>
        <message>
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="142" />
            <source>Wrote the initial revision %1 (%2).</source>
            <translation>Revisão inicial %1 escrita (%2).</translation>
        </message>
        <message>
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="144" />
            <source>%1 now follows it.</source>
            <translation>%1 agora vem depois dela.</translation>
        </message>
        <message>
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="146" />
            <source>Stamped: the version table now holds %1.</source>
            <translation>Marcado (stamp): a tabela de versão agora contém %1.</translation>
        </message>
        <message>
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="149" />
            <source>The history was written, but the stamp failed</source>
            <translation>O histórico foi escrito, mas a marcação (stamp) falhou</translation>
        </message>
        <message>
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="151" />
            <source>Fix the cause, then stamp %1 from the graph.</source>
            <translation>Corrija a causa e marque %1 pelo grafo.</translation>
        </message>
        <message>
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="183" />
            <source>Cannot check the models</source>
            <translation>Não é possível comparar os modelos</translation>
        </message>
        <message>
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="184" />
            <source>Comparing the models with the database needs the project's alembic.ini and env.py.</source>
            <translation>Comparar os modelos com o banco de dados exige o alembic.ini e o env.py do projeto.</translation>
        </message>
        <message>
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="191" />
            <source>Comparing the models with the database…</source>
            <translation>Comparando os modelos com o banco de dados…</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="208" />
            <source>The models and the database differ in %n change(s).</source>
            <translation>
                <numerusform>Os modelos e o banco de dados diferem em %n mudança.</numerusform>
                <numerusform>Os modelos e o banco de dados diferem em %n mudanças.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="209" />
            <source>The models and the database differ in %n change(s), in %1.</source>
            <translation>
                <numerusform>Os modelos e o banco de dados diferem em %n mudança, em %1.</numerusform>
                <numerusform>Os modelos e o banco de dados diferem em %n mudanças, em %1.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="211" />
            <source>Write a migration for them (New Revision with autogenerate), or bring the database up to date. Autogenerate does not see enum value changes, views, or renames (a drop and an add).</source>
            <translation>Escreva uma migração para elas (Nova revisão com autogenerate) ou atualize o banco de dados. O autogenerate não vê mudanças de valores de enum, views nem renomeações (uma remoção e uma inclusão).</translation>
        </message>
        <message>
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="226" />
            <source>The drift check failed: %1</source>
            <translation>A comparação de modelos falhou: %1</translation>
        </message>
        <message>
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="227" />
            <source>Alembic could not compare the models with the database</source>
            <translation>O Alembic não conseguiu comparar os modelos com o banco de dados</translation>
        </message>
        <message>
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="233" />
            <source>The models and the database differ: see the report.</source>
            <translation>Os modelos e o banco de dados diferem: veja o relatório.</translation>
        </message>
        <message>
            <location filename="../src/app/revision/RevisionWorkflow.cpp" line="234" />
            <source>The models match the database.</source>
            <translation>Os modelos correspondem ao banco de dados.</translation>
        </message>
    </context>
    <context>
        <name>retort::app::RunController</name>
        <message>
            <location filename="../src/app/run/RunController.cpp" line="52" />
            <source>Cancelled before Alembic started.</source>
            <translation>Cancelado antes de o Alembic começar.</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunController.cpp" line="59" />
            <source>Running %1 %2 with %3</source>
            <translation>Executando %1 %2 com %3</translation>
        </message>
    </context>
    <context>
        <name>retort::app::RunProgressPanel</name>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="74" />
            <source>waiting</source>
            <translation>aguardando</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="75" />
            <source>running…</source>
            <translation>executando…</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="77" />
            <source>done in %1 ms</source>
            <translation>concluído em %1 ms</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="79" />
            <source>failed</source>
            <translation>falhou</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="80" />
            <source>not run</source>
            <translation>não executado</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="81" />
            <source>rolled back</source>
            <translation>revertido</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="167" />
            <source>No run yet. Select a revision and use Upgrade, Downgrade or Stamp.</source>
            <translation>Nenhuma execução ainda. Selecione uma revisão e use Upgrade, Downgrade ou Marcar revisão (stamp).</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="171" />
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/run/RunProgressPanel.cpp" line="180" />
            <location filename="../src/app/run/RunProgressPanel.cpp" line="245" />
            <source>%v of %n step(s)</source>
            <translation>
                <numerusform>%v de %n passo</numerusform>
                <numerusform>%v de %n passos</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="217" />
            <source>Cancelling… Alembic is asked to stop and roll back.</source>
            <translation>Cancelando… o Alembic foi solicitado a parar e desfazer.</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="231" />
            <source>Stamp %1</source>
            <translation>Marcar revisão %1 (stamp)</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="249" />
            <source>Upgrading</source>
            <translation>Fazendo upgrade</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="250" />
            <source>Downgrading</source>
            <translation>Fazendo downgrade</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="251" />
            <source>Stamping</source>
            <translation>Marcando a revisão (stamp)</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="253" />
            <location filename="../src/app/run/RunProgressPanel.cpp" line="361" />
            <source>&lt;b&gt;%1&lt;/b&gt; %2 to %3</source>
            <translation>&lt;b&gt;%1&lt;/b&gt; %2 até %3</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="254" />
            <source>Starting Alembic…</source>
            <translation>Iniciando o Alembic…</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="268" />
            <source>Running %1 (%2 of %3)…</source>
            <translation>Executando %1 (%2 de %3)…</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="290" />
            <source>base (empty)</source>
            <translation>base (vazia)</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="357" />
            <source>Upgraded</source>
            <translation>Upgrade feito</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="357" />
            <source>Upgrade cancelled</source>
            <translation>Upgrade cancelado</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="357" />
            <source>Upgrade failed</source>
            <translation>Upgrade falhou</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="358" />
            <source>Downgraded</source>
            <translation>Downgrade feito</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="358" />
            <source>Downgrade cancelled</source>
            <translation>Downgrade cancelado</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="358" />
            <source>Downgrade failed</source>
            <translation>Downgrade falhou</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="359" />
            <source>Stamped</source>
            <translation>Revisão marcada (stamp)</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="359" />
            <source>Stamp cancelled</source>
            <translation>Stamp cancelado</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="359" />
            <source>Stamp failed</source>
            <translation>Stamp falhou</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="364" />
            <source>unknown (it could not be read)</source>
            <translation>desconhecida (não foi possível ler)</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="367" />
            <source>Finished in %1 ms. alembic_version is now %2.</source>
            <translation>Concluído em %1 ms. alembic_version agora é %2.</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="370" />
            <source>Cancelled.</source>
            <translation>Cancelado.</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="372" />
            <source>%1 failed.</source>
            <translation>%1 falhou.</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="374" />
            <source>Alembic failed before running a migration.</source>
            <translation>O Alembic falhou antes de executar uma migração.</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/run/RunProgressPanel.cpp" line="377" />
            <source>%n step(s) that ran were rolled back.</source>
            <translation>
                <numerusform>%n passo executado foi revertido.</numerusform>
                <numerusform>%n passos executados foram revertidos.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/run/RunProgressPanel.cpp" line="379" />
            <source>%n step(s) stay applied.</source>
            <translation>
                <numerusform>%n passo continua aplicado.</numerusform>
                <numerusform>%n passos continuam aplicados.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="381" />
            <source>Nothing was applied.</source>
            <translation>Nada foi aplicado.</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="383" />
            <source>The database matches no step of the plan: check its schema.</source>
            <translation>O banco não corresponde a nenhum passo do plano: verifique o schema.</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunProgressPanel.cpp" line="385" />
            <source>alembic_version is %1.</source>
            <translation>alembic_version é %1.</translation>
        </message>
    </context>
    <context>
        <name>retort::app::RunReview</name>
        <message>
            <location filename="../src/app/run/RunReview.cpp" line="14" />
            <source>The review was cancelled.</source>
            <translation>A revisão foi cancelada.</translation>
        </message>
        <message>
            <location filename="../src/app/run/RunReview.cpp" line="45" />
            <source>No project is open.</source>
            <translation>Nenhum projeto está aberto.</translation>
        </message>
    </context>
    <context>
        <name>retort::app::SchemaBrowser</name>
        <message>
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="60" />
            <source>Filter tables and columns</source>
            <translation>Filtrar tabelas e colunas</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="77" />
            <source>Refresh</source>
            <translation>Atualizar</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="77" />
            <source>Read the database's structure again</source>
            <translation>Lê de novo a estrutura do banco de dados</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="79" />
            <source>Count Rows</source>
            <translation>Contar linhas</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="80" />
            <source>Count the rows of the selected tables exactly (all shown tables when none is selected). Estimates are marked with ≈.</source>
            <translation>Conta exatamente as linhas das tabelas selecionadas (todas as tabelas exibidas quando nenhuma está selecionada). As estimativas são marcadas com ≈.</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="83" />
            <source>Stop</source>
            <translation>Parar</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="83" />
            <source>Stop counting</source>
            <translation>Parar a contagem</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="136" />
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="273" />
            <source>Not connected to a database.</source>
            <translation>Não conectado a um banco de dados.</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="191" />
            <source>Reading the structure of %1…</source>
            <translation>Lendo a estrutura de %1…</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="253" />
            <source>%n schema(s)</source>
            <translation>
                <numerusform>%n esquema</numerusform>
                <numerusform>%n esquemas</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="255" />
            <source>no tables yet: an upgrade creates them</source>
            <translation>ainda sem tabelas: um upgrade as cria</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="257" />
            <source>%n table(s)</source>
            <translation>
                <numerusform>%n tabela</numerusform>
                <numerusform>%n tabelas</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="259" />
            <source>%n view(s)</source>
            <translation>
                <numerusform>%n visão</numerusform>
                <numerusform>%n visões</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="262" />
            <source>read at %1</source>
            <translation>lido às %1</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="338" />
            <source>Counting rows: %v of %m tables</source>
            <translation>Contando linhas: %v de %m tabelas</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="339" />
            <source>Counting the rows of %n table(s)…</source>
            <translation>
                <numerusform>Contando as linhas de %n tabela…</numerusform>
                <numerusform>Contando as linhas de %n tabelas…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="386" />
            <source>Counting stopped: %1 of %n table(s) counted.</source>
            <translation>
                <numerusform>Contagem interrompida: %1 de %n tabela contada.</numerusform>
                <numerusform>Contagem interrompida: %1 de %n tabelas contadas.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="388" />
            <source>%n table(s) counted exactly</source>
            <translation>
                <numerusform>%n tabela contada exatamente</numerusform>
                <numerusform>%n tabelas contadas exatamente</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="397" />
            <source>Stopping after the table being counted…</source>
            <translation>Parando depois da tabela que está sendo contada…</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="419" />
            <source>Count Rows Exactly</source>
            <translation>Contar linhas exatamente</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="429" />
            <source>Copy Name</source>
            <translation>Copiar nome</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaBrowser.cpp" line="431" />
            <source>Copy Details</source>
            <translation>Copiar detalhes</translation>
        </message>
    </context>
    <context>
        <name>retort::app::SchemaChangeView</name>
        <message>
            <location filename="../src/app/revision/SchemaChangeView.cpp" line="66" />
            <source>Not compared by Alembic's autogenerate (check these yourself):</source>
            <translation>Não comparado pelo autogenerate do Alembic (verifique você mesmo):</translation>
        </message>
    </context>
    <context>
        <name>retort::app::SchemaChangesModel</name>
        <message>
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="46" />
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="95" />
            <source>column</source>
            <translation>coluna</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="47" />
            <source>primary key</source>
            <translation>chave primária</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="48" />
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="98" />
            <source>index</source>
            <translation>índice</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="49" />
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="101" />
            <source>foreign key</source>
            <translation>chave estrangeira</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="50" />
            <source>unique constraint</source>
            <translation>restrição de unicidade</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="51" />
            <source>check constraint</source>
            <translation>restrição check</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="77" />
            <source>view</source>
            <translation>visão</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="77" />
            <source>table</source>
            <translation>tabela</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="86" />
            <source>%1 added, %2 removed, %3 changed</source>
            <translation>%1 adicionados, %2 removidos, %3 alterados</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="90" />
            <source>%n column(s)</source>
            <translation>
                <numerusform>%n coluna</numerusform>
                <numerusform>%n colunas</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="113" />
            <source>Before: %1
After: %2</source>
            <translation>Antes: %1
Depois: %2</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="124" />
            <source>enum type</source>
            <translation>tipo enum</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="201" />
            <source>added</source>
            <translation>adicionado</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="201" />
            <source>removed</source>
            <translation>removido</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="201" />
            <source>changed</source>
            <translation>alterado</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="226" />
            <source>Object</source>
            <translation>Objeto</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="227" />
            <source>Change</source>
            <translation>Mudança</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesModel.cpp" line="228" />
            <source>Definition / what differs</source>
            <translation>Definição / o que difere</translation>
        </message>
    </context>
    <context>
        <name>retort::app::SchemaChangesPanel</name>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="53" />
            <source>A merge changed the schema differently against each of its parents: choose which.</source>
            <translation>Um merge muda o esquema de modo diferente em relação a cada um de seus pais: escolha qual.</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="56" />
            <source>Compare &amp;with:</source>
            <translation>Comparar &amp;com:</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="71" />
            <source>Schema changes of the selected revision</source>
            <translation>Mudanças no esquema da revisão selecionada</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="86" />
            <source>&amp;Compute Schema History…</source>
            <translation>&amp;Calcular o Histórico do Esquema…</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="88" />
            <source>Run every migration with the project's Alembic on a scratch database and read the schema after each revision (asks first).</source>
            <translation>Executa cada migração com o Alembic do projeto num banco de dados temporário e lê o esquema após cada revisão (pergunta antes).</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="109" />
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="110" />
            <source>Stop computing; the scratch database is removed</source>
            <translation>Parar o cálculo; o banco de dados temporário é removido</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="176" />
            <source>Select a revision to see what it changed in the schema.</source>
            <translation>Selecione uma revisão para ver o que ela mudou no esquema.</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="187" />
            <source>Upgrading to %1 failed on the scratch database:
%2</source>
            <translation>O upgrade para %1 falhou no banco de dados temporário:
%2</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="191" />
            <source>%1 was not reached: the upgrade of one of its ancestors failed on the scratch database.</source>
            <translation>%1 não foi alcançada: o upgrade de uma de suas ancestrais falhou no banco de dados temporário.</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="199" />
            <source>Computing the schema history…</source>
            <translation>Calculando o histórico do esquema…</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="201" />
            <source>Reading the schema history…</source>
            <translation>Lendo o histórico do esquema…</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="206" />
            <source>The schema at %1 has not been computed yet. Retort can compute the schema at every revision by running the project's migrations on a scratch database.</source>
            <translation>O esquema em %1 ainda não foi calculado. O Retort pode calcular o esquema em cada revisão executando as migrações do projeto num banco de dados temporário.</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="218" />
            <source>against an empty database (a base)</source>
            <translation>em relação a um banco de dados vazio (uma base)</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="223" />
            <source>against %1, a dependency</source>
            <translation>em relação a %1, uma dependência</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="223" />
            <source>against %1</source>
            <translation>em relação a %1</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="229" />
            <source>an empty database</source>
            <translation>um banco de dados vazio</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="231" />
            <source>%1 changes nothing in the schema against %2 (no table, column, key, index or enum type; a data migration, or a merge that joins without changes).</source>
            <translation>%1 não muda nada no esquema em relação a %2 (nenhuma tabela, coluna, chave, índice ou tipo enum; uma migração de dados, ou um merge que une sem mudanças).</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="236" />
            <source>%1 against %2: %3 added, %4 removed, %5 changed</source>
            <translation>%1 em relação a %2: %3 adicionados, %4 removidos, %5 alterados</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="257" />
            <source>Preparing the scratch database…</source>
            <translation>Preparando o banco de dados temporário…</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="267" />
            <source>upgrading to</source>
            <translation>upgrade para</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="269" />
            <source>reading the schema at</source>
            <translation>lendo o esquema em</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="270" />
            <source>Finishing…</source>
            <translation>Concluindo…</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaChangesPanel.cpp" line="271" />
            <source>%1 of %2: %3 %4</source>
            <translation>%1 de %2: %3 %4</translation>
        </message>
    </context>
    <context>
        <name>retort::app::SchemaModel</name>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="298" />
            <source>Columns</source>
            <translation>Colunas</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="300" />
            <source>Keys</source>
            <translation>Chaves</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="302" />
            <source>Indexes</source>
            <translation>Índices</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="307" />
            <source>primary key</source>
            <translation>chave primária</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="310" />
            <source>foreign key (%1)</source>
            <translation>chave estrangeira (%1)</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="314" />
            <location filename="../src/app/schema/SchemaModel.cpp" line="390" />
            <source>unique (%1)</source>
            <translation>única (%1)</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="318" />
            <source>check</source>
            <translation>verificação</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="340" />
            <source>empty</source>
            <translation>vazio</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/schema/SchemaModel.cpp" line="342" />
            <source>%n table(s)</source>
            <translation>
                <numerusform>%n tabela</numerusform>
                <numerusform>%n tabelas</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/schema/SchemaModel.cpp" line="344" />
            <source>%n view(s)</source>
            <translation>
                <numerusform>%n visão</numerusform>
                <numerusform>%n visões</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="347" />
            <source>default</source>
            <translation>padrão</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="351" />
            <source>partitioned table</source>
            <translation>tabela particionada</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="352" />
            <source>foreign table</source>
            <translation>tabela externa</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/schema/SchemaModel.cpp" line="353" />
            <source>%n column(s)</source>
            <translation>
                <numerusform>%n coluna</numerusform>
                <numerusform>%n colunas</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="355" />
            <source>view</source>
            <translation>visão</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="357" />
            <source>materialized view</source>
            <translation>visão materializada</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="378" />
            <source>primary key (%1)</source>
            <translation>chave primária (%1)</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="397" />
            <source>primary</source>
            <translation>primário</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="399" />
            <source>unique</source>
            <translation>único</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="430" />
            <source>part of the primary key</source>
            <translation>parte da chave primária</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="439" />
            <source>created by a PRIMARY KEY or UNIQUE constraint</source>
            <translation>criado por uma restrição PRIMARY KEY ou UNIQUE</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="478" />
            <source>Counted exactly: %1 rows</source>
            <translation>Contagem exata: %1 linhas</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="480" />
            <source>Estimated from the database's statistics; use Count Rows for the exact number</source>
            <translation>Estimado a partir das estatísticas do banco de dados; use Contar linhas para obter o número exato</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="481" />
            <source>No statistics yet; use Count Rows for the exact number</source>
            <translation>Ainda sem estatísticas; use Contar linhas para obter o número exato</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="539" />
            <source>Name</source>
            <translation>Nome</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="541" />
            <source>Details</source>
            <translation>Detalhes</translation>
        </message>
        <message>
            <location filename="../src/app/schema/SchemaModel.cpp" line="543" />
            <source>Rows</source>
            <translation>Linhas</translation>
        </message>
    </context>
    <context>
        <name>retort::app::ScratchConfirmDialog</name>
        <message>
            <location filename="../src/app/schema/ScratchConfirmDialog.cpp" line="16" />
            <source>Compute the schema history</source>
            <translation>Calcular o histórico do esquema</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/schema/ScratchConfirmDialog.cpp" line="23" />
            <source>Retort runs the migrations of %1 with the project's own Alembic, one revision at a time, in a scratch database, and reads its schema after each one (%n revision(s) to compute). Your own database is not touched.</source>
            <translation>
                <numerusform>O Retort executa as migrações de %1 com o próprio Alembic do projeto, uma revisão por vez, num banco de dados temporário, e lê o esquema após cada uma (%n revisão a calcular). O seu banco de dados não é tocado.</numerusform>
                <numerusform>O Retort executa as migrações de %1 com o próprio Alembic do projeto, uma revisão por vez, num banco de dados temporário, e lê o esquema após cada uma (%n revisões a calcular). O seu banco de dados não é tocado.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/schema/ScratchConfirmDialog.cpp" line="35" />
            <source>It creates %1.</source>
            <translation>Ele cria %1.</translation>
        </message>
        <message>
            <location filename="../src/app/schema/ScratchConfirmDialog.cpp" line="37" />
            <source>Where should the scratch PostgreSQL database be created? It is dropped afterwards, also after a failure or a cancel.</source>
            <translation>Onde o banco de dados PostgreSQL temporário deve ser criado? Ele é removido depois, também após uma falha ou um cancelamento.</translation>
        </message>
        <message>
            <location filename="../src/app/schema/ScratchConfirmDialog.cpp" line="43" />
            <source>A throwaway local cluster (not available: the PostgreSQL server binaries are not installed)</source>
            <translation>Um cluster local descartável (indisponível: os binários do servidor PostgreSQL não estão instalados)</translation>
        </message>
        <message>
            <location filename="../src/app/schema/ScratchConfirmDialog.cpp" line="44" />
            <source>In %1</source>
            <translation>Em %1</translation>
        </message>
        <message>
            <location filename="../src/app/schema/ScratchConfirmDialog.cpp" line="48" />
            <source>On the connected server: %1</source>
            <translation>No servidor conectado: %1</translation>
        </message>
        <message>
            <location filename="../src/app/schema/ScratchConfirmDialog.cpp" line="50" />
            <source>On the connected server (not connected to a PostgreSQL server)</source>
            <translation>No servidor conectado (não há conexão com um servidor PostgreSQL)</translation>
        </message>
        <message>
            <location filename="../src/app/schema/ScratchConfirmDialog.cpp" line="61" />
            <source>Create and Run</source>
            <translation>Criar e Executar</translation>
        </message>
    </context>
    <context>
        <name>retort::app::SqlPreview</name>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="117" />
            <source>Database's dialect</source>
            <translation>Dialeto do banco</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="121" />
            <source>The SQL dialect of the preview: the connected database's (or the URL env.py uses), or the one you pick</source>
            <translation>O dialeto SQL da pré-visualização: o do banco conectado (ou da URL que o env.py usa), ou o que você escolher</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="129" />
            <source>Copy</source>
            <translation>Copiar</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="130" />
            <location filename="../src/app/editor/SqlPreview.cpp" line="669" />
            <source>Copy the SQL to the clipboard</source>
            <translation>Copia o SQL para a área de transferência</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="137" />
            <source>Save as .sql…</source>
            <translation>Salvar como .sql…</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="138" />
            <location filename="../src/app/editor/SqlPreview.cpp" line="670" />
            <source>Save the SQL to a .sql file</source>
            <translation>Salvar o SQL em um arquivo .sql</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="172" />
            <source>Select a revision to see the SQL that takes the database there.</source>
            <translation>Selecione uma revisão para ver o SQL que leva o banco de dados até ela.</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="209" />
            <source>Generating SQL with Alembic…</source>
            <translation>Gerando o SQL com o Alembic…</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="238" />
            <source>dialect %1 (the database's)</source>
            <translation>dialeto %1 (o do banco)</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="239" />
            <source>dialect %1 (chosen)</source>
            <translation>dialeto %1 (escolhido)</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/editor/SqlPreview.cpp" line="246" />
            <source>%n step(s)</source>
            <translation>
                <numerusform>%n passo</numerusform>
                <numerusform>%n passos</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/editor/SqlPreview.cpp" line="248" />
            <source>%n without SQL: Alembic cannot render it offline</source>
            <translation>
                <numerusform>%n sem SQL: o Alembic não consegue gerá-lo offline</numerusform>
                <numerusform>%n sem SQL: o Alembic não consegue gerá-los offline</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="290" />
            <source>reviewing…</source>
            <translation>revisando…</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="312" />
            <source>the review failed: %1</source>
            <translation>a revisão falhou: %1</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="375" />
            <source>no findings</source>
            <translation>nenhum achado</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="417" />
            <source>Fix: %1</source>
            <translation>Correção: %1</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="502" />
            <source>Downgrade</source>
            <translation>Downgrade</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="502" />
            <source>Upgrade</source>
            <translation>Upgrade</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="503" />
            <source>-- ═══ Step %1 of %2: %3 %4 → %5 (revision %6) ═══</source>
            <translation>-- ═══ Passo %1 de %2: %3 %4 → %5 (revisão %6) ═══</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="560" />
            <source>Alembic cannot render this step offline: `alembic downgrade --sql` stops here. Online, the step runs (it reads the database as it goes).</source>
            <translation>O Alembic não consegue gerar este passo offline: `alembic downgrade --sql` para aqui. Online, o passo é executado (ele lê o banco de dados durante a execução).</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="562" />
            <source>Alembic cannot render this step offline: `alembic upgrade --sql` stops here. Online, the step runs (it reads the database as it goes).</source>
            <translation>O Alembic não consegue gerar este passo offline: `alembic upgrade --sql` para aqui. Online, o passo é executado (ele lê o banco de dados durante a execução).</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="564" />
            <source>Alembic said: %1</source>
            <translation>O Alembic disse: %1</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="565" />
            <source>The SQL below is rendered from the revisions this step leaves behind.</source>
            <translation>O SQL abaixo é gerado a partir das revisões que este passo deixa.</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="577" />
            <source>-- ═══ Before the first step ═══</source>
            <translation>-- ═══ Antes do primeiro passo ═══</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="577" />
            <source>-- ═══ After the last step ═══</source>
            <translation>-- ═══ Depois do último passo ═══</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="586" />
            <source>Nothing to run: the database is already there.</source>
            <translation>Nada a executar: o banco de dados já está nesse ponto.</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="625" />
            <source>SQL preview</source>
            <translation>Pré-visualização de SQL</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="647" />
            <source>Alembic could not generate the SQL.</source>
            <translation>O Alembic não conseguiu gerar o SQL.</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="667" />
            <source>Off: a step has no SQL (Alembic cannot render it offline), so this is not a script that runs the plan. Select text in the preview to copy parts of it.</source>
            <translation>Desativado: um passo não tem SQL (o Alembic não consegue gerá-lo offline), então este texto não é um script que executa o plano. Selecione texto na pré-visualização para copiar partes dele.</translation>
        </message>
        <message numerus="yes">
            <location filename="../src/app/editor/SqlPreview.cpp" line="680" />
            <source>Copied %n line(s) of SQL to the clipboard.</source>
            <translation>
                <numerusform>%n linha de SQL copiada para a área de transferência.</numerusform>
                <numerusform>%n linhas de SQL copiadas para a área de transferência.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="692" />
            <location filename="../src/app/editor/SqlPreview.cpp" line="696" />
            <source>Cannot write %1: %2</source>
            <translation>Não é possível gravar %1: %2</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="693" />
            <location filename="../src/app/editor/SqlPreview.cpp" line="697" />
            <source>Choose a writable folder.</source>
            <translation>Escolha uma pasta com permissão de escrita.</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="708" />
            <location filename="../src/app/editor/SqlPreview.cpp" line="714" />
            <source>Save SQL</source>
            <translation>Salvar SQL</translation>
        </message>
        <message>
            <location filename="../src/app/editor/SqlPreview.cpp" line="709" />
            <source>SQL files (*.sql);;All files (*)</source>
            <translation>Arquivos SQL (*.sql);;Todos os arquivos (*)</translation>
        </message>
    </context>
    <context>
        <name>retort::app::TimeMachineController</name>
        <message>
            <location filename="../src/app/schema/TimeMachineController.cpp" line="71" />
            <source>Open a project first.</source>
            <translation>Abra um projeto primeiro.</translation>
        </message>
        <message>
            <location filename="../src/app/schema/TimeMachineController.cpp" line="73" />
            <source>Computing schemas runs the project's Alembic, which needs its alembic.ini and env.py; this is a bare versions folder.</source>
            <translation>Calcular esquemas executa o Alembic do projeto, que precisa do alembic.ini e do env.py; esta é só uma pasta de versões.</translation>
        </message>
        <message>
            <location filename="../src/app/schema/TimeMachineController.cpp" line="75" />
            <source>Alembic cannot load this project: %1</source>
            <translation>O Alembic não consegue carregar este projeto: %1</translation>
        </message>
        <message>
            <location filename="../src/app/schema/TimeMachineController.cpp" line="77" />
            <source>Connect to a database first: its kind (SQLite or PostgreSQL) decides the scratch database.</source>
            <translation>Conecte-se a um banco de dados primeiro: o tipo dele (SQLite ou PostgreSQL) define o banco de dados temporário.</translation>
        </message>
        <message>
            <location filename="../src/app/schema/TimeMachineController.cpp" line="79" />
            <source>The schemas are being computed.</source>
            <translation>Os esquemas estão sendo calculados.</translation>
        </message>
        <message>
            <location filename="../src/app/schema/TimeMachineController.cpp" line="152" />
            <source>The connection is a production one: Retort creates no scratch database on its server.</source>
            <translation>A conexão é de produção: o Retort não cria bancos de dados temporários no servidor dela.</translation>
        </message>
        <message>
            <location filename="../src/app/schema/TimeMachineController.cpp" line="164" />
            <source>A PostgreSQL project needs a scratch PostgreSQL database: connect to a server where Retort may create one, or install the PostgreSQL server binaries for a throwaway local cluster.</source>
            <translation>Um projeto PostgreSQL precisa de um banco de dados PostgreSQL temporário: conecte-se a um servidor onde o Retort possa criar um, ou instale os binários do servidor PostgreSQL para um cluster local descartável.</translation>
        </message>
        <message>
            <location filename="../src/app/schema/TimeMachineController.cpp" line="226" />
            <source>Cancelled: the scratch database was removed.</source>
            <translation>Cancelado: o banco de dados temporário foi removido.</translation>
        </message>
    </context>
</TS>
