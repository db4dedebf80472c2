"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ExerciseImage } from "@/components/patient/exercise-image";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/input";

interface Image {
  id: string;
  alt: string;
  width: number;
  height: number;
}

const MAX_BYTES = 5 * 1024 * 1024;

/** Upload, order and remove an exercise's pictures. The server checks every file's content. */
export function ImageManager({ exerciseId, images }: { exerciseId: string; images: Image[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  // A new key gives a fresh, empty file input after each upload.
  const [inputKey, setInputKey] = useState(0);
  const [alt, setAlt] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const refresh = () => router.refresh();
  const upload = useMutation(
    trpc.library.addImage.mutationOptions({
      onSuccess: () => {
        setAlt("");
        setFile(null);
        setInputKey((k) => k + 1);
        refresh();
      },
    }),
  );
  const reorder = useMutation(trpc.library.reorderImages.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.library.removeImage.mutationOptions({ onSuccess: refresh }));
  const error =
    localError ??
    (upload.error ? errorMessage(upload.error) : null) ??
    (reorder.error ? errorMessage(reorder.error) : null) ??
    (remove.error ? errorMessage(remove.error) : null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!file) return setLocalError("Choose a picture to upload.");
    if (file.size > MAX_BYTES)
      return setLocalError("That picture is larger than 5 MB. Choose a smaller one.");
    setLocalError(null);
    const form = new FormData();
    form.set("exerciseId", exerciseId);
    form.set("alt", alt);
    form.set("file", file);
    upload.mutate(form);
  }

  function move(index: number, by: -1 | 1) {
    const order = images.map((i) => i.id);
    const [moved] = order.splice(index, 1);
    order.splice(index + by, 0, moved!);
    reorder.mutate({ exerciseId, order });
  }

  return (
    <Card aria-labelledby="pictures-heading">
      <CardTitle id="pictures-heading">Pictures</CardTitle>
      {images.length === 0 ? (
        <p className="mt-1 text-sm text-muted-foreground">
          No pictures yet. Patients see the steps in words.
        </p>
      ) : (
        <ol className="mt-3 space-y-3" aria-label="Pictures in the order patients see them">
          {images.map((image, index) => (
            <li key={image.id} className="flex items-start gap-3">
              <div className="w-24 shrink-0">
                <ExerciseImage
                  src={`/media/${exerciseId}/${image.id}`}
                  alt={image.alt}
                  width={image.width}
                  height={image.height}
                />
              </div>
              <div className="min-w-0 flex-1 space-y-1">
                <p className="text-sm break-words">
                  {index + 1}. {image.alt}
                </p>
                <div className="flex flex-wrap gap-1">
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={index === 0 || reorder.isPending}
                    onClick={() => move(index, -1)}
                    aria-label={`Move picture ${index + 1} earlier`}
                  >
                    Earlier
                  </Button>
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={index === images.length - 1 || reorder.isPending}
                    onClick={() => move(index, 1)}
                    aria-label={`Move picture ${index + 1} later`}
                  >
                    Later
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={remove.isPending}
                    onClick={() => remove.mutate({ exerciseId, imageId: image.id })}
                    aria-label={`Remove picture ${index + 1}`}
                  >
                    Remove
                  </Button>
                </div>
              </div>
            </li>
          ))}
        </ol>
      )}
      <form
        method="post"
        onSubmit={onSubmit}
        className="mt-4 space-y-3 border-t border-border pt-3"
      >
        <div>
          <Label htmlFor="picture-file">Add a picture (PNG, JPEG or WebP, up to 5 MB)</Label>
          <input
            key={inputKey}
            id="picture-file"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            type="file"
            accept="image/png,image/jpeg,image/webp"
            className="mt-1 block w-full text-sm file:mr-3 file:min-h-11 file:rounded-md file:border file:border-border file:bg-muted file:px-3"
          />
        </div>
        <div>
          <Label htmlFor="picture-alt">What the picture shows</Label>
          <Input
            id="picture-alt"
            value={alt}
            maxLength={200}
            onChange={(e) => setAlt(e.target.value)}
            placeholder="For example: starting position, side view"
            className="mt-1"
          />
        </div>
        <Button type="submit" disabled={upload.isPending}>
          {upload.isPending ? "Uploading…" : "Upload picture"}
        </Button>
        {error ? (
          <p role="alert" className="text-sm text-danger">
            {error}
          </p>
        ) : null}
      </form>
    </Card>
  );
}
