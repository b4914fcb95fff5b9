using System.Globalization;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Support;

/// <summary>The ten real Xiaohongshu notes of ../shared/data/qilin_toy/notes.csv as engine <see cref="Note"/>s.</summary>
public static class QilinNotes
{
    private static readonly Lazy<IReadOnlyList<Note>> All = new(Load);

    /// <summary>Note by its note_idx (0-9).</summary>
    public static Note Get(int idx) => All.Value[idx];

    private static List<Note> Load()
    {
        var rows = Csv.Read(File.ReadAllText(SharedData.Path("data/qilin_toy/notes.csv")));
        var notes = new List<Note>();
        foreach (var r in rows.OrderBy(r => int.Parse(r["note_idx"], CultureInfo.InvariantCulture)))
        {
            var video = Num(r["note_type"]) == 2;
            var media = new List<MediaItem>();
            if (video)
            {
                // Qilin stores height and width separately; duration is in seconds.
                media.Add(new MediaItem(MediaType.Video, (int)Num(r["video_width"]), (int)Num(r["video_height"]), (int)(Num(r["video_duration"]) * 1000)));
            }
            else
            {
                // Image notes carry only a count, no per-image dimensions.
                for (var i = 0; i < (int)Num(r["image_num"]); i++)
                {
                    media.Add(new MediaItem(MediaType.Image, 0, 0, 0));
                }
            }

            notes.Add(new Note
            {
                Id = "qilin-" + r["note_idx"],
                AuthorId = "qilin",
                Title = r["note_title"],
                Body = r["note_content"],
                Media = media,
            });
        }

        return notes;
    }

    private static double Num(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
