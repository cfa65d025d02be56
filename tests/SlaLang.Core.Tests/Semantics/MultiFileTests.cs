using SlaLang.Diagnostics;
using SlaLang.Semantics;
using SlaLang.Syntax;
using Shouldly;
using Xunit;

namespace SlaLang.Core.Tests.Semantics;

/// <summary>Contracts over several files (LANGUAGE.md §8): imports, libraries, one scope, located errors, flow-down.</summary>
public sealed class MultiFileTests
{
    private const string Root = "/m";

    private const string Common = """
        library QuilloCommon {
          party Quillo client "Quillo Inc."
          party Nimbus provider "Nimbus Hosting"
          role CTO of Quillo
          role HostOps of Nimbus
          calendar Office {
            hours mon-fri 09:00-17:00
          }
          severity p1 "Storefront down"
        }
        """;

    private const string Storefront = """
        import "../common.sla"
        library Storefront {
          service Storefront {
            fee 1000 USD per month
            objective Uptime {
              indicator availability
              target >= 99.9%
              per month
              during Office
            }
          }
        }
        """;

    private const string Contract = """
        import "common.sla"
        import "services/storefront.sla"
        contract NimbusHosting "Nimbus hosting" {
          version "1.5.0"
          term 2026-01-01 .. 2026-12-31
          timezone "America/New_York"
          currency USD
          raci {
            roles CTO HostOps
            Storefront A R
          }
          reversibility { notice 3 months }
        }
        """;

    private static Dictionary<string, string> Files(params (string Path, string Text)[] files) =>
        files.ToDictionary(f => $"{Root}/{f.Path}", f => f.Text);

    /// <summary>Compiles <c>/m/{root}</c> with every other file readable through the provider.</summary>
    private static (Compilation Compilation, SyntaxTree Root) Compile(Dictionary<string, string> files, string root)
    {
        var path = $"{Root}/{root}";
        var tree = SyntaxTree.Parse(files[path], path);
        return (Compilation.Create([tree], sources: new InMemorySourceProvider(files)), tree);
    }

    private static string[] Lines(Compilation compilation) => [.. compilation.GetDiagnostics().Select(d => d.ToString())];

    [Fact]
    public void A_contract_resolves_names_declared_in_the_libraries_it_reaches_transitively()
    {
        var (compilation, root) = Compile(Files(("common.sla", Common), ("services/storefront.sla", Storefront), ("contract.sla", Contract)), "contract.sla");
        Lines(compilation).ShouldBeEmpty();
        compilation.SyntaxTrees.Select(t => t.Path).ShouldBe(["/m/contract.sla", "/m/common.sla", "/m/services/storefront.sla"]);
        compilation.GetUnitFiles(root).Select(t => t.Path).ShouldBe(["/m/common.sla", "/m/services/storefront.sla", "/m/contract.sla"]);
        var model = compilation.GetSemanticModel(root).GetContractModel().ShouldNotBeNull();
        model.Services.ShouldHaveSingleItem().Objectives.ShouldHaveSingleItem().Calendar.ShouldBe("Office");
        model.Parties.Select(p => p.Name).ShouldBe(["Quillo", "Nimbus"]);
        model.Raci.ShouldNotBeNull().Rows.ShouldHaveSingleItem().Activity.ShouldBe("Storefront");
    }

    [Fact]
    public void A_file_reached_by_two_paths_counts_once()
    {
        var (compilation, root) = Compile(Files(("common.sla", Common), ("services/storefront.sla", Storefront), ("contract.sla", Contract)), "contract.sla");
        // contract.sla imports common.sla directly and through services/storefront.sla: its party is declared once.
        compilation.GetSemanticModel(root).GetContractModel()!.Parties.Count(p => p.Name == "Quillo").ShouldBe(1);
        compilation.SyntaxTrees.Count(t => t.Path == "/m/common.sla").ShouldBe(1);
    }

    [Fact]
    public void References_and_symbols_of_a_library_are_found_from_the_contract()
    {
        var (compilation, root) = Compile(Files(("common.sla", Common), ("services/storefront.sla", Storefront), ("contract.sla", Contract)), "contract.sla");
        var storefront = compilation.SyntaxTrees.Single(t => t.Path.EndsWith("storefront.sla", StringComparison.Ordinal));
        var office = storefront.Text.ToString().IndexOf("Office", StringComparison.Ordinal);
        var model = compilation.GetSemanticModel(storefront);
        var symbol = model.GetSymbolAt(office).ShouldNotBeNull();
        symbol.Kind.ShouldBe(SymbolKind.Calendar);
        symbol.NameLocation!.Path.ShouldBe("/m/common.sla");
        model.FindReferences(symbol).Select(l => $"{l.Path}({l.Start})").ShouldBe(["/m/common.sla(6,12)", "/m/services/storefront.sla(9,14)"]);
        compilation.GetSemanticModel(root).GetSymbols(SymbolKind.Calendar).Select(s => s.Name).ShouldBe(["always", "Office"]);
        compilation.GetSemanticModel(root).GetDeclaredSymbols().Select(s => s.Name).ShouldBe(["NimbusHosting", "Storefront"]);
    }

    [Fact]
    public void A_name_declared_in_two_files_is_reported_at_the_second_pointing_to_the_first()
    {
        var files = Files(("common.sla", Common), ("contract.sla", """
            import "common.sla"
            contract C {
              term 2026-01-01 .. 2026-12-31
              timezone "UTC"
              currency USD
              calendar Office { hours mon-fri 08:00-18:00 }
              reversibility { notice 3 months }
            }
            """));
        Lines(Compile(files, "contract.sla").Compilation).ShouldBe([
            "/m/contract.sla(6,12): error SLA2002: 'Office' is already declared as a calendar at (common.sla(6,12)); rename one of them.",
        ]);
    }

    [Fact]
    public void A_header_item_in_a_library_is_an_error_in_the_library()
    {
        var files = Files(("lib.sla", "library L {\n  timezone \"UTC\"\n}\n"), ("contract.sla", "import \"lib.sla\"\ncontract C {\n  term 2026-01-01 .. 2026-12-31\n  timezone \"UTC\"\n  currency EUR\n  reversibility { notice 3 months }\n}\n"));
        Lines(Compile(files, "contract.sla").Compilation).ShouldBe([
            "/m/lib.sla(2,3): error SLA1016: 'timezone' is not allowed in a library; move it to a contract.",
        ]);
    }

    [Fact]
    public void Import_errors_are_located_at_the_import_in_the_importing_file()
    {
        var files = Files(
            ("contract.sla", """
                import "missing.sla"
                import "notes.txt"
                import "C:\\x.sla"
                import "/abs.sla"
                import "folder"
                import "other.sla"
                contract C {
                  term 2026-01-01 .. 2026-12-31
                  timezone "UTC"
                  currency EUR
                  reversibility { notice 3 months }
                }
                """),
            ("other.sla", "contract Other {\n  term 2026-01-01 .. 2026-12-31\n  timezone \"UTC\"\n  currency EUR\n}\n"));
        Lines(Compile(files, "contract.sla").Compilation).ShouldBe([
            "/m/contract.sla(1,8): error SLA2028: Import 'missing.sla' names no file: '/m/missing.sla' does not exist.",
            "/m/contract.sla(2,8): error SLA2027: Import 'notes.txt' does not name a .sla file; write a path relative to this file with '/' separators, ending in .sla (e.g. 'import \"services/storefront.sla\"').",
            "/m/contract.sla(3,8): error SLA2027: Import 'C:\\x.sla' uses '\\' (separators are '/'); write a path relative to this file with '/' separators, ending in .sla (e.g. 'import \"services/storefront.sla\"').",
            "/m/contract.sla(4,8): error SLA2027: Import '/abs.sla' is absolute; write a path relative to this file with '/' separators, ending in .sla (e.g. 'import \"services/storefront.sla\"').",
            "/m/contract.sla(5,8): error SLA2027: Import 'folder' does not name a .sla file; write a path relative to this file with '/' separators, ending in .sla (e.g. 'import \"services/storefront.sla\"').",
            "/m/contract.sla(6,8): error SLA2027: Import 'other.sla' names a contract ('Other'); only a library can be imported; write a path relative to this file with '/' separators, ending in .sla (e.g. 'import \"services/storefront.sla\"').",
            "/m/other.sla(1,10): warning SLA3015: Contract 'Other' has no reversibility clause; add 'reversibility { notice …; assistance …; deliver … }' so that the exit terms are agreed.",
        ]);
    }

    [Fact]
    public void An_import_cycle_is_reported_at_the_import_that_closes_it()
    {
        var files = Files(
            ("a.sla", "import \"b.sla\"\nlibrary A {\n  severity p1\n}\n"),
            ("b.sla", "import \"a.sla\"\nlibrary B {\n  severity p2\n}\n"),
            ("contract.sla", "import \"a.sla\"\ncontract C {\n  term 2026-01-01 .. 2026-12-31\n  timezone \"UTC\"\n  currency EUR\n  reversibility { notice 3 months }\n}\n"));
        var (compilation, root) = Compile(files, "contract.sla");
        Lines(compilation).ShouldBe(["/m/b.sla(1,8): error SLA2030: Import 'a.sla' closes a cycle (a.sla → b.sla → a.sla); a file may not import itself, directly or through others."]);
        compilation.GetUnitFiles(root).Select(t => t.Path).ShouldBe(["/m/b.sla", "/m/a.sla", "/m/contract.sla"]);
    }

    [Fact]
    public void An_import_leaving_its_folder_through_a_symbolic_link_is_an_error()
    {
        var folder = Directory.CreateTempSubdirectory("sla-link-");
        var outside = Directory.CreateTempSubdirectory("sla-outside-");
        try
        {
            File.WriteAllText(Path.Combine(outside.FullName, "common.sla"), "library Common {\n}\n");
            Directory.CreateSymbolicLink(Path.Combine(folder.FullName, "shared"), outside.FullName);
            var path = Path.Combine(folder.FullName, "contract.sla");
            var text = "import \"shared/common.sla\"\ncontract C {\n  term 2026-01-01 .. 2026-12-31\n  timezone \"UTC\"\n  currency EUR\n  reversibility { notice 3 months }\n}\n";
            var compilation = Compilation.Create([SyntaxTree.Parse(text, path)], sources: FileSystemSourceProvider.Instance);
            var real = new DirectoryInfo(outside.FullName).ResolveLinkTarget(true)?.FullName ?? outside.FullName;
            Lines(compilation).ShouldBe([
                $"{path}(1,8): error SLA2029: Import 'shared/common.sla' leaves its folder tree '{folder.FullName}' through a symbolic link (it resolves to '{Path.Combine(real, "common.sla")}'); import the file where it is, or copy it in.",
            ]);
        }
        finally
        {
            folder.Delete(recursive: true);
            outside.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_library_checked_alone_resolves_only_through_its_own_imports()
    {
        var files = Files(("common.sla", Common), ("services/storefront.sla", Storefront.Replace("during Office", "during Weekend")));
        Lines(Compile(files, "services/storefront.sla").Compilation).ShouldBe([
            "/m/services/storefront.sla(9,14): error SLA2001: Unknown calendar 'Weekend'; declared calendars: always, Office.",
        ]);
        var (alone, tree) = Compile(Files(("lib.sla", "library L {\n  role Boss of Nobody\n}\n")), "lib.sla");
        Lines(alone).ShouldBe(["/m/lib.sla(2,16): error SLA2001: Unknown party 'Nobody'; declare it first."]);
        alone.GetSemanticModel(tree).GetContractModel().ShouldBeNull();
    }

    [Fact]
    public void Several_raci_and_governance_blocks_merge_and_a_second_security_is_an_error()
    {
        var files = Files(
            ("lib.sla", """
                library Ops {
                  raci {
                    roles Boss
                    Patching AR
                  }
                  governance { committee Weekly { every week; chair Boss } }
                  security { audit every quarter }
                }
                """),
            ("contract.sla", """
                import "lib.sla"
                contract C {
                  term 2026-01-01 .. 2026-12-31
                  timezone "UTC"
                  currency EUR
                  party Acme client
                  role Boss of Acme
                  role Ops of Acme
                  raci {
                    roles Ops Boss
                    Backups R A
                  }
                  governance { committee Monthly { every month; chair Ops } }
                  security { audit every month }
                  reversibility { notice 3 months }
                }
                """));
        var (compilation, root) = Compile(files, "contract.sla");
        Lines(compilation).ShouldBe(["/m/contract.sla(14,3): error SLA2016: Clause 'security' is already given at (lib.sla(7,3)); keep one."]);
        var fixedFiles = Files(("lib.sla", files["/m/lib.sla"]), ("contract.sla", files["/m/contract.sla"].Replace("  security { audit every month }\n", "")));
        var (good, goodRoot) = Compile(fixedFiles, "contract.sla");
        Lines(good).ShouldBeEmpty();
        var model = good.GetSemanticModel(goodRoot).GetContractModel().ShouldNotBeNull();
        model.Raci!.Roles.ShouldBe(["Boss", "Ops"]);
        model.Raci.Rows.Select(r => $"{r.Activity}:{string.Join(",", r.Cells)}").ShouldBe(["Patching:Responsible, Accountable,None", "Backups:Accountable,Responsible"]);
        model.Committees.Select(c => c.Name).ShouldBe(["Weekly", "Monthly"]);
        _ = root;
    }

    [Fact]
    public void An_activity_named_in_two_raci_blocks_is_a_duplicate()
    {
        var files = Files(
            ("lib.sla", "library Ops {\n  raci {\n    roles Boss\n    Patching AR\n  }\n}\n"),
            ("contract.sla", "import \"lib.sla\"\ncontract C {\n  term 2026-01-01 .. 2026-12-31\n  timezone \"UTC\"\n  currency EUR\n  party Acme client\n  role Boss of Acme\n  raci {\n    roles Boss\n    Patching AR\n  }\n  reversibility { notice 3 months }\n}\n"));
        Lines(Compile(files, "contract.sla").Compilation).ShouldBe([
            "/m/contract.sla(10,5): error SLA2002: 'Patching' is already declared as a RACI activity at (lib.sla(4,5)); rename one of them.",
        ]);
    }

    [Fact]
    public void A_split_contract_has_the_same_model_as_the_same_declarations_in_one_file()
    {
        var (split, splitRoot) = Compile(Files(("common.sla", Common), ("services/storefront.sla", Storefront), ("contract.sla", Contract)), "contract.sla");
        var one = """
            contract NimbusHosting "Nimbus hosting" {
              version "1.5.0"
              term 2026-01-01 .. 2026-12-31
              timezone "America/New_York"
              currency USD
              party Quillo client "Quillo Inc."
              party Nimbus provider "Nimbus Hosting"
              role CTO of Quillo
              role HostOps of Nimbus
              calendar Office {
                hours mon-fri 09:00-17:00
              }
              severity p1 "Storefront down"
              service Storefront {
                fee 1000 USD per month
                objective Uptime {
                  indicator availability
                  target >= 99.9%
                  per month
                  during Office
                }
              }
              raci {
                roles CTO HostOps
                Storefront A R
              }
              reversibility { notice 3 months }
            }
            """;
        var single = Compilation.Create([SyntaxTree.Parse(one, "/m/one.sla")]);
        var a = split.GetSemanticModel(splitRoot).GetContractModel().ShouldNotBeNull();
        var b = single.GetContractModels().ShouldHaveSingleItem();
        var emittedA = SlaLang.Emit.MonitorEmitter.Emit(a).Source!;
        var emittedB = SlaLang.Emit.MonitorEmitter.Emit(b).Source!;
        // Only the source comments (file and line of each clause) differ.
        static string WithoutComments(string code) => string.Join('\n', code.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)).Select(l => System.Text.RegularExpressions.Regex.Replace(l, "\"[a-z]+\\.sla\"", "\"F\"")));
        WithoutComments(emittedA).ShouldBe(WithoutComments(emittedB));
    }

    // ---- flow-down

    private const string Sla = """
        contract StoreSla {
          term 2026-01-01 .. 2026-12-31
          timezone "UTC"
          currency USD
          party Shop client
          party Nimbus provider
          party Hostly subcontractor of Nimbus
          role Buyer of Shop
          role Lead of Nimbus
          role HostOps of Hostly
          calendar Office { hours mon-fri 09:00-17:00 }
          service Storefront {
            objective Uptime { indicator availability; target >= 99.95%; per month }
            objective Restore { indicator mttr; target <= 4h; per month; during Office }
          }
          raci {
            roles Buyer Lead HostOps
            Storefront A C R
          }
          reversibility { notice 3 months }
        }
        """;

    private static string Ola(string objectives) => $$"""
        contract HostingOla {
          term 2026-01-01 .. 2026-12-31
          timezone "UTC"
          currency USD
          underpins "../sla/contract.sla"
          calendar Weekdays { hours mon-fri 10:00-16:00 }
          service Hosting {
        {{objectives}}
          }
          reversibility { notice 3 months }
        }
        """;

    [Fact]
    public void A_backing_objective_looser_than_what_it_backs_is_a_warning_on_the_backs_line_naming_both()
    {
        var files = Files(("sla/contract.sla", Sla), ("ola/contract.sla", Ola("""
                objective Up { indicator availability; target >= 99.9%; per quarter; exclude maintenance
                  backs Storefront.Uptime }
                objective Fix { indicator mttr; target <= 4h; per month; during Weekdays
                  backs Storefront.Restore }
            """)));
        Lines(Compile(files, "ola/contract.sla").Compilation).ShouldBe([
            "/m/ola/contract.sla(9,7): warning SLA3024: Objective 'Hosting.Up' (availability >= 99.9% per quarter during always excluding maintenance) backs 'Storefront.Uptime' (availability >= 99.95% per month during always) but has a lower target (>= 99.9%, not >= 99.95%), is measured over a longer period (per quarter, not per month), excludes maintenance, which the backed objective counts; the subcontractor could meet its objective while the provider breaches its own.",
            "/m/ola/contract.sla(11,7): warning SLA3024: Objective 'Hosting.Fix' (mttr <= 4h per month during Weekdays) backs 'Storefront.Restore' (mttr <= 4h per month during Office) but measures during 'Weekdays', which excludes time 'Office' counts; the subcontractor could meet its objective while the provider breaches its own.",
        ]);
    }

    [Fact]
    public void A_backing_as_strict_as_what_it_backs_gives_nothing()
    {
        var files = Files(("sla/contract.sla", Sla), ("ola/contract.sla", Ola("""
                objective Up { indicator availability; target >= 99.99%; per week; backs Storefront.Uptime }
                objective Fix { indicator mttr; target < 3h; per month; backs Storefront.Restore }
            """)));
        Lines(Compile(files, "ola/contract.sla").Compilation).ShouldBeEmpty();
    }

    [Fact]
    public void An_objective_run_by_a_subcontractor_without_backing_is_a_warning_at_underpins()
    {
        var files = Files(("sla/contract.sla", Sla), ("ola/contract.sla", Ola("""
                objective Up { indicator availability; target >= 99.95%; per month; backs Storefront.Uptime }
            """)));
        Lines(Compile(files, "ola/contract.sla").Compilation).ShouldBe([
            "/m/ola/contract.sla(5,13): warning SLA3025: Subcontractor 'Hostly' is responsible for 'Storefront' in the underpinned contract, but no objective here backs 'Storefront.Restore'; add one with 'backs Storefront.Restore'.",
        ]);
    }

    [Fact]
    public void Backing_errors_are_located_at_backs_and_underpins()
    {
        var unknown = Files(("sla/contract.sla", Sla), ("ola/contract.sla", Ola("""
                objective Up { indicator availability; target >= 99.95%; per month; backs Storefront.Uptim }
                objective Fix { indicator mttr; target <= 4h; per month; backs Storefront.Restore }
            """)));
        Lines(Compile(unknown, "ola/contract.sla").Compilation).ShouldBe([
            "/m/ola/contract.sla(5,13): warning SLA3025: Subcontractor 'Hostly' is responsible for 'Storefront' in the underpinned contract, but no objective here backs 'Storefront.Uptime'; add one with 'backs Storefront.Uptime'.",
            "/m/ola/contract.sla(8,73): error SLA2031: 'Storefront.Uptim' is not an objective of the underpinned contract 'StoreSla'; did you mean 'Storefront.Uptime'?",
        ]);
        var noUnderpins = Files(("ola/contract.sla", Ola("""
                objective Up { indicator availability; target >= 99.95%; per month; backs Storefront.Uptime }
            """).Replace("  underpins \"../sla/contract.sla\"\n", "")));
        Lines(Compile(noUnderpins, "ola/contract.sla").Compilation).ShouldBe([
            "/m/ola/contract.sla(7,73): error SLA2032: Objective 'Up' backs 'Storefront.Uptime', but the contract names no contract it underpins; add 'underpins \"PATH\"' to its header.",
        ]);
        var library = Files(("sla/contract.sla", "library L {\n}\n"), ("ola/contract.sla", Ola("")));
        Lines(Compile(library, "ola/contract.sla").Compilation).ShouldBe([
            "/m/ola/contract.sla(5,13): error SLA2033: '../sla/contract.sla' is a library; 'underpins' names the contract this one supports.",
        ]);
    }

    [Fact]
    public void Every_diagnostic_of_a_library_imported_by_two_contracts_is_reported_once()
    {
        var files = Files(("lib.sla", "library L {\n  role Boss of Nobody\n}\n"),
            ("a.sla", "import \"lib.sla\"\ncontract A {\n  term 2026-01-01 .. 2026-12-31\n  timezone \"UTC\"\n  currency EUR\n  reversibility { notice 3 months }\n}\n"),
            ("b.sla", "import \"lib.sla\"\ncontract B {\n  term 2026-01-01 .. 2026-12-31\n  timezone \"UTC\"\n  currency EUR\n  reversibility { notice 3 months }\n}\n"));
        var trees = files.Select(f => SyntaxTree.Parse(f.Value, f.Key)).ToList();
        var compilation = Compilation.Create(trees, sources: new InMemorySourceProvider(files));
        Lines(compilation).ShouldBe(["/m/lib.sla(2,16): error SLA2001: Unknown party 'Nobody'; declare it first."]);
        compilation.Units.Select(u => Path.GetFileName(u.Root.Path)).ShouldBe(["a.sla", "b.sla"]);
    }

    [Fact]
    public void An_import_leading_to_a_file_with_errors_gives_one_import_error_for_editors()
    {
        var files = Files(("lib.sla", "library L {\n  role Boss of Nobody\n}\n"), ("mid.sla", "import \"lib.sla\"\nlibrary M {\n}\n"),
            ("contract.sla", "import \"mid.sla\"\ncontract C {\n  term 2026-01-01 .. 2026-12-31\n  timezone \"UTC\"\n  currency EUR\n  reversibility { notice 3 months }\n}\n"));
        var (compilation, root) = Compile(files, "contract.sla");
        var model = compilation.GetSemanticModel(root);
        model.GetDiagnostics().ShouldBeEmpty(); // the error is reported in lib.sla, once
        model.GetImportErrors().Select(d => d.ToString()).ShouldBe([
            "/m/contract.sla(1,8): error SLA2034: 'mid.sla' has 1 error, so this contract has no monitor: /m/lib.sla(2,16): error SLA2001: Unknown party 'Nobody'; declare it first.",
        ]);
        var (clean, cleanRoot) = Compile(Files(("common.sla", Common), ("services/storefront.sla", Storefront), ("contract.sla", Contract)), "contract.sla");
        clean.GetSemanticModel(cleanRoot).GetImportErrors().ShouldBeEmpty();
    }
}
