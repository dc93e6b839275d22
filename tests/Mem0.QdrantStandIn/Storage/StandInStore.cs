using Qdrant.Client.Grpc;

namespace Mem0.QdrantStandIn.Storage;

/// <summary>
/// The collections and aliases. A name is looked up as an alias first, then as a collection, as Qdrant resolves
/// it for every points and collection call. Deleting a collection removes the aliases that named it.
/// </summary>
public sealed class StandInStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, StandInCollection> _collections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);

    public StandInCollection Resolve(string name)
    {
        lock (_gate)
        {
            var target = _aliases.GetValueOrDefault(name) ?? name;
            return _collections.GetValueOrDefault(target) ?? throw StandInErrors.NotFound(name);
        }
    }

    public bool Exists(string name)
    {
        lock (_gate) return _collections.ContainsKey(name) || _aliases.ContainsKey(name);
    }

    public IReadOnlyList<string> Collections()
    {
        lock (_gate) return _collections.Keys.Order(StringComparer.Ordinal).ToList();
    }

    public void Create(string name, VectorParams vectors)
    {
        lock (_gate)
        {
            if (_collections.ContainsKey(name)) throw StandInErrors.InvalidArgument($"Collection `{name}` already exists!");
            if (_aliases.ContainsKey(name)) throw StandInErrors.InvalidArgument($"Alias with name `{name}` already exists");
            _collections[name] = new StandInCollection(name, vectors);
        }
    }

    public bool Delete(string name)
    {
        lock (_gate)
        {
            if (!_collections.Remove(name)) return false;
            foreach (var alias in _aliases.Where(a => a.Value == name).Select(a => a.Key).ToList()) _aliases.Remove(alias);
            return true;
        }
    }

    public IReadOnlyList<AliasDescription> Aliases(string? collection = null)
    {
        lock (_gate)
        {
            return _aliases.Where(a => collection is null || a.Value == collection).OrderBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => new AliasDescription { AliasName = a.Key, CollectionName = a.Value }).ToList();
        }
    }

    /// <summary>
    /// The actions of one request take effect together (concepts/collections: an alias switch is atomic, no reader
    /// sees the alias missing between its delete and create). They run on a copy that replaces the aliases only when
    /// every action succeeded; what Qdrant keeps of a request failing part-way is not documented, and the server never
    /// sends one.
    /// </summary>
    public void ChangeAliases(IEnumerable<AliasOperations> actions)
    {
        lock (_gate)
        {
            var next = new Dictionary<string, string>(_aliases, StringComparer.Ordinal);
            foreach (var action in actions)
            {
                switch (action.ActionCase)
                {
                    case AliasOperations.ActionOneofCase.CreateAlias:
                        var create = action.CreateAlias;
                        if (!_collections.ContainsKey(create.CollectionName)) throw StandInErrors.NotFound(create.CollectionName);
                        if (_collections.ContainsKey(create.AliasName)) throw StandInErrors.InvalidArgument($"Collection `{create.AliasName}` already exists!");
                        // Creating an alias that exists moves it (Qdrant's create_alias replaces an existing one).
                        next[create.AliasName] = create.CollectionName;
                        break;
                    case AliasOperations.ActionOneofCase.DeleteAlias:
                        if (!next.Remove(action.DeleteAlias.AliasName))
                        {
                            throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.NotFound, $"Not found: Alias {action.DeleteAlias.AliasName} does not exists!"));
                        }
                        break;
                    case AliasOperations.ActionOneofCase.RenameAlias:
                        var rename = action.RenameAlias;
                        if (!next.Remove(rename.OldAliasName, out var target))
                        {
                            throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.NotFound, $"Not found: Alias {rename.OldAliasName} does not exists!"));
                        }
                        next[rename.NewAliasName] = target;
                        break;
                    default:
                        throw StandInErrors.InvalidArgument("an alias operation needs an action");
                }
            }
            _aliases.Clear();
            foreach (var (alias, target) in next) _aliases[alias] = target;
        }
    }
}
