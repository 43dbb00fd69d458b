; Inno Setup 6 script of Tezgâh's Windows installer: a per-user installation (no administrator
; rights) of the PyInstaller bundle dist\tezgah\. Compiled by installer\windows\build.ps1:
;
;   iscc /DAppVersion=0.1.0 /DAppNumericVersion=0.1.0 /DSourceDir=...\dist\tezgah
;        /DOutputDir=...\dist [/DAppIcon=...\tezgah.ico] [/DSignTool=NAME /SNAME=COMMAND]
;        installer\windows\tezgah.iss
;
; Saved as UTF-8 with a byte order mark: Inno Setup reads the Turkish letters correctly only so.
; The uninstaller removes the program files and nothing else: the data folders
; (%LOCALAPPDATA%\Tezgah, %LOCALAPPDATA%\Tezgah-Demo; see app/paths.py) stay where they are.

#ifndef AppVersion
  #error "AppVersion is not defined: compile with iscc /DAppVersion=X.Y.Z (installer\windows\build.ps1 does)"
#endif
#ifndef AppNumericVersion
  #define AppNumericVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\tezgah"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
; Never change AppId: Windows recognises upgrades and the uninstaller entry by it.
AppId={{B8601F0D-4648-48A1-BEDF-B120F83EDBE6}
AppName=Tezgâh
AppVersion={#AppVersion}
AppVerName=Tezgâh {#AppVersion}
AppPublisher=Tezgâh
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductName=Tezgâh
VersionInfoDescription=Tezgâh kurulum programı
; Per user, no elevation: everything under the user's own profile.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\Tezgah
DisableProgramGroupPage=yes
; 64-bit only: the bundle is built with 64-bit Python, and card drivers must match its width
; (app/signing/module_arch.py explains a mismatch to the user).
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=Tezgah-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName=Tezgâh
UninstallDisplayIcon={app}\tezgah-gui.exe
; Close running Tezgâh windows (Restart Manager) before files are replaced or removed; do not
; restart them: the user starts Tezgâh again after the update.
CloseApplications=yes
RestartApplications=no
; The optional PATH entry: Windows is told that the environment changed.
ChangesEnvironment=yes
#ifdef AppIcon
SetupIconFile={#AppIcon}
#endif
#ifdef SignTool
; SignTool hook (build.ps1 passes /DSignTool=TezgahSign /STezgahSign="signtool sign ... $f"):
; Inno Setup signs Setup itself and the uninstaller it writes at install time.
SignTool={#SignTool}
SignedUninstaller=yes
#endif

[Languages]
; Turkish first: it is used whenever Windows' display language is not English.
Name: "tr"; MessagesFile: "compiler:Languages\Turkish.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
tr.AddToPath=tezgah komutunu komut satırında kullanılabilir yap (PATH'e ekle)
en.AddToPath=Make the tezgah command available on the command line (add to PATH)
tr.CommandLine=Komut satırı:
en.CommandLine=Command line:
tr.DataKept=Tezgâh kaldırıldı; verileriniz silinmedi.%n%nFaturalarınız, imzalı belgeleriniz, veritabanınız ve ayarlarınız şu klasörde duruyor:%n%1%n%nDeneme (demo) verileri:%n%2%n%nFaturaları yasal süre boyunca saklamak sizin yükümlülüğünüzdür. Bu klasörleri silmek isterseniz önce yedekleyin ve sonra elle silin. Tezgâh'ı yeniden kurarsanız verileriniz kaldığı yerden kullanılır.
en.DataKept=Tezgâh has been removed; your data has not been deleted.%n%nYour invoices, signed documents, database and settings remain in:%n%1%n%nDemo data:%n%2%n%nKeeping invoices for the legally required period is your obligation. If you want to delete these folders, back them up first and then delete them by hand. If you install Tezgâh again, it continues with this data.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "{cm:AddToPath}"; GroupDescription: "{cm:CommandLine}"; Flags: unchecked

[Files]
; The whole onedir bundle: tezgah.exe (command line), tezgah-gui.exe (window), _internal\.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Tezgâh"; Filename: "{app}\tezgah-gui.exe"; WorkingDir: "{app}"; Comment: "e-Fatura"
Name: "{autodesktop}\Tezgâh"; Filename: "{app}\tezgah-gui.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\tezgah-gui.exe"; Description: "{cm:LaunchProgram,Tezgâh}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Program files only. Python may have written bytecode caches (__pycache__) inside the bundle
; after installation; without this the program folder would be left behind half-empty.
; The data folders are elsewhere (%LOCALAPPDATA%\Tezgah, ...\Tezgah-Demo) and are never touched.
Type: filesandordirs; Name: "{app}\_internal"

[Code]
const
  EnvKey = 'Environment';

function SamePath(A, B: string): Boolean;
begin
  Result := CompareText(RemoveBackslashUnlessRoot(Trim(A)), RemoveBackslashUnlessRoot(Trim(B))) = 0;
end;

{ True when Dir is one of the entries of the user's PATH (HKCU\Environment\Path). }
function UserPathHas(Dir: string): Boolean;
var
  Path, Rest, Item: string;
  P: Integer;
begin
  Result := False;
  if not RegQueryStringValue(HKEY_CURRENT_USER, EnvKey, 'Path', Path) then
    exit;
  Rest := Path;
  while Rest <> '' do
  begin
    P := Pos(';', Rest);
    if P = 0 then
    begin
      Item := Rest;
      Rest := '';
    end else
    begin
      Item := Copy(Rest, 1, P - 1);
      Rest := Copy(Rest, P + 1, Length(Rest));
    end;
    if (Item <> '') and SamePath(Item, Dir) then
    begin
      Result := True;
      exit;
    end;
  end;
end;

procedure AddToUserPath(Dir: string);
var
  Path: string;
begin
  if UserPathHas(Dir) then
    exit;
  if not RegQueryStringValue(HKEY_CURRENT_USER, EnvKey, 'Path', Path) then
    Path := '';
  if (Path <> '') and (Copy(Path, Length(Path), 1) <> ';') then
    Path := Path + ';';
  if not RegWriteExpandStringValue(HKEY_CURRENT_USER, EnvKey, 'Path', Path + Dir) then
    Log('PATH could not be updated');
end;

{ Removes exactly the entries equal to Dir; the other entries stay as they were. }
procedure RemoveFromUserPath(Dir: string);
var
  Path, Rest, Item, NewPath: string;
  P: Integer;
  Removed: Boolean;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, EnvKey, 'Path', Path) then
    exit;
  Rest := Path;
  NewPath := '';
  Removed := False;
  while Rest <> '' do
  begin
    P := Pos(';', Rest);
    if P = 0 then
    begin
      Item := Rest;
      Rest := '';
    end else
    begin
      Item := Copy(Rest, 1, P - 1);
      Rest := Copy(Rest, P + 1, Length(Rest));
    end;
    if (Item <> '') and SamePath(Item, Dir) then
      Removed := True
    else if Item <> '' then
    begin
      if NewPath <> '' then
        NewPath := NewPath + ';';
      NewPath := NewPath + Item;
    end;
  end;
  if Removed then
    RegWriteExpandStringValue(HKEY_CURRENT_USER, EnvKey, 'Path', NewPath);
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if (CurStep = ssPostInstall) and WizardIsTaskSelected('addtopath') then
    AddToUserPath(ExpandConstant('{app}'));
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usUninstall then
    RemoveFromUserPath(ExpandConstant('{app}'));
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'),
                      [ExpandConstant('{localappdata}\Tezgah'),
                       ExpandConstant('{localappdata}\Tezgah-Demo')]),
           mbInformation, MB_OK);
end;
