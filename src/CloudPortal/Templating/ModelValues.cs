using Scriban.Runtime;

namespace CloudPortal.Templating;

/// <summary>Small helpers to build the plain objects templates read.</summary>
internal static class ModelValues
{
    public static ScriptObject Object(params (string Name, object? Value)[] members) => ObjectWithRoom(0, members);

    /// <summary>An object sized for <paramref name="room"/> more members than it starts with: one that grows copies its table.</summary>
    public static ScriptObject ObjectWithRoom(int room, params (string Name, object? Value)[] members)
    {
        var obj = new ScriptObject(members.Length + room);
        foreach (var (name, value) in members)
        {
            obj.SetValue(name, value, readOnly: false);
        }

        return obj;
    }

    public static ScriptArray Array<T>(IEnumerable<T> items, Func<T, object?> map)
    {
        var array = new ScriptArray();
        foreach (var item in items)
        {
            array.Add(map(item));
        }

        return array;
    }

    /// <summary>Makes an object and everything below it read-only, so pages that share it cannot change it for each other.</summary>
    public static void Freeze(object? value)
    {
        switch (value)
        {
            case ScriptObject obj:
                foreach (var member in obj.Values)
                {
                    Freeze(member);
                }

                obj.IsReadOnly = true;
                break;
            case ScriptArray array:
                foreach (var item in array)
                {
                    Freeze(item);
                }

                array.IsReadOnly = true;
                break;
        }
    }
}
