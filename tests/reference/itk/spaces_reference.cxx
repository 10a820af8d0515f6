// ITK reference for the Spaces tests (see README.md beside this file).
//
//   spaces_reference write-transforms OUTDIR FIELD_GRID.nii.gz
//       writes the test transform files with ITK's own writers (.mat, .txt, .h5, displacement-field .nii.gz)
//   spaces_reference points OUT.tsv NAME -t T [-t T ...] [NAME -t ...] --points P.tsv
//       maps every point of P.tsv (LPS, as ITK) through each named chain, built as antsApplyTransforms builds it
//   spaces_reference apply REFERENCE INPUT OUTPUT INTERPOLATION DEFAULT -t T [-t T ...]
//       resamples INPUT onto REFERENCE's grid as antsApplyTransforms does (Linear, NearestNeighbor, GenericLabel,
//       BSpline), writing float64 NIfTI (.nii.gz) or float32 (.nii, for benchmarks); prints resample_seconds to stderr
//   spaces_reference describe IMAGE
//       prints the origin, spacing and direction ITK reads (to check it agrees with nibabel)
//
// A transform argument is FILE or [FILE,1] (inverse), exactly as antsApplyTransforms takes them.

#include "itkAffineTransform.h"
#include "itkBSplineInterpolateImageFunction.h"
#include "itkCompositeTransform.h"
#include "itkDisplacementFieldTransform.h"
#include "itkEuler3DTransform.h"
#include "itkImageAdaptor.h"
#include "itkImageFileReader.h"
#include "itkImageFileWriter.h"
#include "itkImageRegionIterator.h"
#include "itkImageRegionIteratorWithIndex.h"
#include "itkInterpolateImageFunction.h"
#include "itkLinearInterpolateImageFunction.h"
#include "itkMatrixOffsetTransformBase.h"
#include "itkNearestNeighborInterpolateImageFunction.h"
#include "itkResampleImageFilter.h"
#include "itkTransformFactory.h"
#include "itkTransformFileReader.h"
#include "itkTransformFileWriter.h"
#include "itkTranslationTransform.h"
#include "itkVersorRigid3DTransform.h"

#include <chrono>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace
{
constexpr unsigned int Dim = 3;
using ImageType = itk::Image<double, Dim>;
using FieldType = itk::Image<itk::Vector<double, Dim>, Dim>;
using TransformType = itk::Transform<double, Dim, Dim>;
using CompositeType = itk::CompositeTransform<double, Dim>;
using DisplacementType = itk::DisplacementFieldTransform<double, Dim>;

bool
EndsWith(const std::string & s, const std::string & tail)
{
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// ANTs' itk::ants::ReadTransform: a NIfTI is a displacement field; anything else goes through the transform IO
// factories; a file holding several transforms becomes a composite in file order.
TransformType::Pointer
ReadTransformFile(const std::string & file)
{
  if (EndsWith(file, ".nii") || EndsWith(file, ".nii.gz"))
  {
    auto reader = itk::ImageFileReader<FieldType>::New();
    reader->SetFileName(file);
    reader->Update();
    auto field = DisplacementType::New();
    field->SetDisplacementField(reader->GetOutput());
    return field.GetPointer();
  }
  auto reader = itk::TransformFileReaderTemplate<double>::New();
  reader->SetFileName(file);
  reader->Update();
  const auto * list = reader->GetTransformList();
  if (list->size() > 1)
  {
    auto composite = CompositeType::New();
    for (const auto & t : *list)
    {
      composite->AddTransform(dynamic_cast<TransformType *>(t.GetPointer()));
    }
    return composite.GetPointer();
  }
  return dynamic_cast<TransformType *>(list->front().GetPointer());
}

// ANTs' GetCompositeTransformFromParserOption: its parser holds the -t options last-first, and it adds them to the
// composite in that order (a composite file's transforms in file order). CompositeTransform applies its queue from
// the back, so the first -t is the first applied to a reference point.
CompositeType::Pointer
BuildChain(const std::vector<std::string> & options)
{
  auto chain = CompositeType::New();
  for (auto it = options.rbegin(); it != options.rend(); ++it)
  {
    std::string file = *it;
    bool        inverse = false;
    if (!file.empty() && file.front() == '[')
    {
      const auto comma = file.find(',');
      inverse = std::stoi(file.substr(comma + 1, file.size() - comma - 2)) != 0;
      file = file.substr(1, comma - 1);
    }
    auto transform = ReadTransformFile(file);
    if (inverse)
    {
      transform = dynamic_cast<TransformType *>(transform->GetInverseTransform().GetPointer());
      if (!transform)
      {
        throw std::runtime_error("no inverse for " + file);
      }
    }
    if (auto * composite = dynamic_cast<CompositeType *>(transform.GetPointer()))
    {
      for (unsigned int i = 0; i < composite->GetNumberOfTransforms(); ++i)
      {
        chain->AddTransform(composite->GetNthTransform(i));
      }
    }
    else
    {
      chain->AddTransform(transform);
    }
  }
  return chain;
}

template <typename T>
void
WriteTransform(T * transform, const std::string & file)
{
  auto writer = itk::TransformFileWriterTemplate<double>::New();
  writer->SetInput(transform);
  writer->SetFileName(file);
  writer->Update();
}

// The affine every test knows: parameters in ITK's LPS convention (matrix row-major, translation, centre).
void
SetKnownAffine(itk::MatrixOffsetTransformBase<double, Dim, Dim> * t, const double * m, const double * tr,
               const double * c)
{
  itk::Matrix<double, Dim, Dim> matrix;
  itk::Vector<double, Dim>      translation;
  itk::Point<double, Dim>       centre;
  for (unsigned int r = 0; r < Dim; ++r)
  {
    for (unsigned int k = 0; k < Dim; ++k)
    {
      matrix(r, k) = m[r * Dim + k];
    }
    translation[r] = tr[r];
    centre[r] = c[r];
  }
  t->SetCenter(centre);
  t->SetMatrix(matrix);
  t->SetTranslation(translation);
}

const double AffineA[9] = { 1.05, 0.08, -0.12, -0.06, 0.97, 0.15, 0.10, -0.11, 1.02 };
const double TranslationA[3] = { 4.5, -6.25, 3.0 };
const double CentreA[3] = { 1.5, -12.0, 8.0 };
const double AffineB[9] = { 0.98, -0.17, 0.02, 0.16, 0.97, -0.09, 0.01, 0.10, 1.03 };
const double TranslationB[3] = { -2.0, 7.5, -4.25 };
const double CentreB[3] = { -20.0, 15.0, 30.0 };

// A smooth displacement (mm, LPS) that any reader must reproduce at the field's grid points.
itk::Vector<double, Dim>
SmoothDisplacement(const itk::Point<double, Dim> & p)
{
  itk::Vector<double, Dim> u;
  u[0] = 3.0 * std::sin(p[0] / 20.0) * std::cos(p[1] / 25.0);
  u[1] = 2.5 * std::cos(p[2] / 18.0) + 0.5;
  u[2] = 2.0 * std::sin((p[0] + p[1]) / 30.0) - 1.0;
  return u;
}

FieldType::Pointer
FieldOnGrid(const ImageType * grid)
{
  auto field = FieldType::New();
  field->CopyInformation(grid);
  field->SetRegions(grid->GetLargestPossibleRegion());
  field->Allocate();
  return field;
}

int
WriteTransforms(const std::string & dir, const std::string & gridFile)
{
  auto affine = itk::AffineTransform<double, Dim>::New();
  SetKnownAffine(affine, AffineA, TranslationA, CentreA);
  WriteTransform(affine.GetPointer(), dir + "/affine_double.mat");
  WriteTransform(affine.GetPointer(), dir + "/affine_double.txt");

  auto affineB = itk::AffineTransform<double, Dim>::New();
  SetKnownAffine(affineB, AffineB, TranslationB, CentreB);
  WriteTransform(affineB.GetPointer(), dir + "/affine_b.txt");

  {
    auto floatAffine = itk::AffineTransform<float, Dim>::New();
    itk::Matrix<float, Dim, Dim> matrix;
    itk::Vector<float, Dim>      translation;
    itk::Point<float, Dim>       centre;
    for (unsigned int r = 0; r < Dim; ++r)
    {
      for (unsigned int k = 0; k < Dim; ++k)
      {
        matrix(r, k) = static_cast<float>(AffineB[r * Dim + k]);
      }
      translation[r] = static_cast<float>(TranslationB[r]);
      centre[r] = static_cast<float>(CentreB[r]);
    }
    floatAffine->SetCenter(centre);
    floatAffine->SetMatrix(matrix);
    floatAffine->SetTranslation(translation);
    auto writer = itk::TransformFileWriterTemplate<float>::New();
    writer->SetInput(floatAffine);
    writer->SetFileName(dir + "/affine_float.mat");
    writer->Update();
  }

  auto matrixOffset = itk::MatrixOffsetTransformBase<double, Dim, Dim>::New();
  SetKnownAffine(matrixOffset, AffineB, TranslationA, CentreA);
  WriteTransform(matrixOffset.GetPointer(), dir + "/matrixoffset_double.mat");

  auto euler = itk::Euler3DTransform<double>::New();
  {
    itk::Point<double, Dim> centre;
    centre[0] = 10;
    centre[1] = 20;
    centre[2] = -5;
    euler->SetCenter(centre);
    euler->SetRotation(0.12, -0.08, 0.2);
    itk::Vector<double, Dim> t;
    t[0] = 3;
    t[1] = -2;
    t[2] = 5;
    euler->SetTranslation(t);
  }
  WriteTransform(euler.GetPointer(), dir + "/euler.mat");
  WriteTransform(euler.GetPointer(), dir + "/euler.txt");

  auto versor = itk::VersorRigid3DTransform<double>::New();
  {
    itk::Point<double, Dim> centre;
    centre[0] = -10;
    centre[1] = 5;
    centre[2] = 12;
    versor->SetCenter(centre);
    itk::Versor<double>::VectorType axis;
    axis[0] = 0.3;
    axis[1] = -0.5;
    axis[2] = 0.8;
    itk::Versor<double> v;
    v.Set(axis, 0.25);
    versor->SetRotation(v);
    itk::Vector<double, Dim> t;
    t[0] = -3;
    t[1] = 4;
    t[2] = 1.5;
    versor->SetTranslation(t);
  }
  WriteTransform(versor.GetPointer(), dir + "/versor_rigid.mat");

  auto translation = itk::TranslationTransform<double, Dim>::New();
  {
    itk::Vector<double, Dim> t;
    t[0] = 1.25;
    t[1] = -2.5;
    t[2] = 3.75;
    translation->Translate(t);
  }
  WriteTransform(translation.GetPointer(), dir + "/translation.txt");

  // Displacement fields on the given grid, written as antsRegistration writes *Warp.nii.gz.
  auto gridReader = itk::ImageFileReader<ImageType>::New();
  gridReader->SetFileName(gridFile);
  gridReader->Update();
  const ImageType * grid = gridReader->GetOutput();

  auto smooth = FieldOnGrid(grid);
  for (itk::ImageRegionIteratorWithIndex<FieldType> it(smooth, smooth->GetLargestPossibleRegion()); !it.IsAtEnd(); ++it)
  {
    itk::Point<double, Dim> p;
    smooth->TransformIndexToPhysicalPoint(it.GetIndex(), p);
    it.Set(SmoothDisplacement(p));
  }
  // An affine's displacement is linear, so a grid twice as coarse represents it exactly.
  auto coarse = ImageType::New();
  {
    auto size = grid->GetLargestPossibleRegion().GetSize();
    auto spacing = grid->GetSpacing();
    for (unsigned int d = 0; d < Dim; ++d)
    {
      size[d] = (size[d] + 1) / 2;
      spacing[d] *= 2;
    }
    coarse->SetRegions(ImageType::RegionType(size));
    coarse->SetOrigin(grid->GetOrigin());
    coarse->SetDirection(grid->GetDirection());
    coarse->SetSpacing(spacing);
  }
  auto fromAffine = FieldOnGrid(coarse);
  for (itk::ImageRegionIteratorWithIndex<FieldType> it(fromAffine, fromAffine->GetLargestPossibleRegion()); !it.IsAtEnd();
       ++it)
  {
    itk::Point<double, Dim> p;
    fromAffine->TransformIndexToPhysicalPoint(it.GetIndex(), p);
    it.Set(affine->TransformPoint(p) - p);
  }
  // Float32 vectors, as antsRegistration writes *Warp.nii.gz (5-D, intent 1007, LPS components).
  using FloatFieldType = itk::Image<itk::Vector<float, Dim>, Dim>;
  auto toFloat = [](const FieldType * field) {
    auto f = FloatFieldType::New();
    f->CopyInformation(field);
    f->SetRegions(field->GetLargestPossibleRegion());
    f->Allocate();
    itk::ImageRegionConstIterator<FieldType> src(field, field->GetLargestPossibleRegion());
    itk::ImageRegionIterator<FloatFieldType> dst(f, f->GetLargestPossibleRegion());
    for (; !src.IsAtEnd(); ++src, ++dst)
    {
      itk::Vector<float, Dim> v;
      for (unsigned int d = 0; d < Dim; ++d)
      {
        v[d] = static_cast<float>(src.Get()[d]);
      }
      dst.Set(v);
    }
    return f;
  };
  auto writeField = [](FloatFieldType * field, const std::string & file) {
    auto writer = itk::ImageFileWriter<FloatFieldType>::New();
    writer->SetInput(field);
    writer->SetFileName(file);
    writer->Update();
  };
  auto smoothFloat = toFloat(smooth);
  writeField(smoothFloat, dir + "/warp.nii.gz");
  writeField(toFloat(fromAffine), dir + "/warp_from_affine.nii.gz");

  // The composite antsRegistration (and fMRIPrep) write, in float: the affine first, the field last (the field is
  // applied first to a point).
  auto floatAffine = itk::AffineTransform<float, Dim>::New();
  {
    itk::Matrix<float, Dim, Dim> matrix;
    itk::Vector<float, Dim>      translation;
    itk::Point<float, Dim>       centre;
    for (unsigned int r = 0; r < Dim; ++r)
    {
      for (unsigned int k = 0; k < Dim; ++k)
      {
        matrix(r, k) = static_cast<float>(AffineA[r * Dim + k]);
      }
      translation[r] = static_cast<float>(TranslationA[r]);
      centre[r] = static_cast<float>(CentreA[r]);
    }
    floatAffine->SetCenter(centre);
    floatAffine->SetMatrix(matrix);
    floatAffine->SetTranslation(translation);
  }
  auto floatField = itk::DisplacementFieldTransform<float, Dim>::New();
  floatField->SetDisplacementField(smoothFloat);
  auto composite = itk::CompositeTransform<float, Dim>::New();
  composite->AddTransform(floatAffine);
  composite->AddTransform(floatField);
  {
    auto writer = itk::TransformFileWriterTemplate<float>::New();
    writer->SetInput(composite);
    writer->SetFileName(dir + "/composite.h5");
    writer->Update();
  }

  // A linear-only composite (.h5), to check several linear transforms compose in file order.
  auto linear = CompositeType::New();
  linear->AddTransform(affineB);
  linear->AddTransform(euler);
  WriteTransform(linear.GetPointer(), dir + "/linear_composite.h5");
  return 0;
}

int
MapPoints(int argc, char * argv[])
{
  // argv: points OUT.tsv --points P.tsv NAME -t T ... NAME -t T ...
  const std::string        out = argv[2];
  std::string              pointsFile;
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> chains;
  for (int i = 3; i < argc; ++i)
  {
    const std::string a = argv[i];
    if (a == "--points")
    {
      pointsFile = argv[++i];
    }
    else if (a == "-t")
    {
      chains.back().push_back(argv[++i]);
    }
    else
    {
      names.push_back(a);
      chains.emplace_back();
    }
  }
  std::vector<itk::Point<double, Dim>> points;
  std::ifstream                        in(pointsFile);
  double                               x, y, z;
  while (in >> x >> y >> z)
  {
    itk::Point<double, Dim> p;
    p[0] = x;
    p[1] = y;
    p[2] = z;
    points.push_back(p);
  }
  std::ofstream o(out);
  o << "chain\tx\ty\tz\tmapped_x\tmapped_y\tmapped_z\n" << std::setprecision(12);
  for (size_t c = 0; c < names.size(); ++c)
  {
    const auto chain = BuildChain(chains[c]);
    for (const auto & p : points)
    {
      const auto q = chain->TransformPoint(p);
      o << names[c] << '\t' << p[0] << '\t' << p[1] << '\t' << p[2] << '\t' << q[0] << '\t' << q[1] << '\t' << q[2]
        << '\n';
    }
  }
  return 0;
}

// GenericLabel as ITK's LabelImageGenericInterpolateImageFunction (the module ANTs builds, absent from Debian's
// ITK): per label an indicator image (through an adaptor), linearly interpolated; the highest wins, the smallest
// label among equals (labels in ascending order, strictly greater replaces).
class LabelIndicatorAccessor
{
public:
  using InternalType = double;
  using ExternalType = double;
  ExternalType
  Get(const InternalType & v) const
  {
    return v == m_Label ? 1.0 : 0.0;
  }
  void
  SetLabel(double label)
  {
    m_Label = label;
  }
  bool
  operator!=(const LabelIndicatorAccessor & o) const
  {
    return m_Label != o.m_Label;
  }

private:
  double m_Label = 0;
};

class GenericLabelInterpolator : public itk::InterpolateImageFunction<ImageType, double>
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(GenericLabelInterpolator);
  using Self = GenericLabelInterpolator;
  using Superclass = itk::InterpolateImageFunction<ImageType, double>;
  using Pointer = itk::SmartPointer<Self>;
  using AdaptorType = itk::ImageAdaptor<ImageType, LabelIndicatorAccessor>;
  using LinearType = itk::LinearInterpolateImageFunction<AdaptorType, double>;
  itkNewMacro(Self);
  itkTypeMacro(GenericLabelInterpolator, InterpolateImageFunction);

  void
  SetInputImage(const ImageType * image) override
  {
    Superclass::SetInputImage(image);
    m_Labels.clear();
    m_Interpolators.clear();
    m_Adaptors.clear();
    if (!image)
    {
      return;
    }
    itk::ImageRegionConstIterator<ImageType> it(image, image->GetLargestPossibleRegion());
    for (; !it.IsAtEnd(); ++it)
    {
      m_Labels.insert(it.Get());
    }
    for (double label : m_Labels)
    {
      auto adaptor = AdaptorType::New();
      adaptor->SetImage(const_cast<ImageType *>(image));
      LabelIndicatorAccessor accessor;
      accessor.SetLabel(label);
      adaptor->SetPixelAccessor(accessor);
      auto linear = LinearType::New();
      linear->SetInputImage(adaptor);
      m_Adaptors.push_back(adaptor);
      m_Interpolators.push_back(linear);
    }
  }

  OutputType
  EvaluateAtContinuousIndex(const ContinuousIndexType & index) const override
  {
    double best = 0;
    double label = 0;
    size_t i = 0;
    for (double l : m_Labels)
    {
      const double v = m_Interpolators[i++]->EvaluateAtContinuousIndex(index);
      if (v > best)
      {
        best = v;
        label = l;
      }
    }
    return label;
  }

  SizeType
  GetRadius() const override
  {
    return SizeType::Filled(1);
  }

protected:
  GenericLabelInterpolator() = default;
  ~GenericLabelInterpolator() override = default;

private:
  std::set<double>                     m_Labels;
  std::vector<AdaptorType::Pointer>    m_Adaptors;
  std::vector<LinearType::Pointer>     m_Interpolators;
};

int
Apply(int argc, char * argv[])
{
  // argv: apply REFERENCE INPUT OUTPUT INTERPOLATION DEFAULT -t T ...
  auto readImage = [](const std::string & f) {
    auto r = itk::ImageFileReader<ImageType>::New();
    r->SetFileName(f);
    r->Update();
    return ImageType::Pointer(r->GetOutput());
  };
  const auto               reference = readImage(argv[2]);
  const auto               input = readImage(argv[3]);
  const std::string        output = argv[4];
  const std::string        interpolation = argv[5];
  const double             fill = std::stod(argv[6]);
  std::vector<std::string> options;
  for (int i = 7; i + 1 < argc; i += 2)
  {
    options.push_back(argv[i + 1]);
  }
  auto chain = BuildChain(options);

  auto resample = itk::ResampleImageFilter<ImageType, ImageType, double>::New();
  resample->SetInput(input);
  resample->SetOutputParametersFromImage(reference);
  resample->SetDefaultPixelValue(fill);
  resample->SetTransform(chain);
  if (interpolation == "Linear")
  {
    resample->SetInterpolator(itk::LinearInterpolateImageFunction<ImageType, double>::New());
  }
  else if (interpolation == "NearestNeighbor")
  {
    resample->SetInterpolator(itk::NearestNeighborInterpolateImageFunction<ImageType, double>::New());
  }
  else if (interpolation == "BSpline")
  {
    auto bspline = itk::BSplineInterpolateImageFunction<ImageType, double, double>::New();
    bspline->SetSplineOrder(3);
    resample->SetInterpolator(bspline);
  }
  else if (interpolation == "GenericLabel")
  {
    resample->SetInterpolator(GenericLabelInterpolator::New());
  }
  else
  {
    std::cerr << "unknown interpolation " << interpolation << '\n';
    return 2;
  }
  // The resampling alone (bench spaces compares it with ours); reading and writing are timed by the caller.
  const auto started = std::chrono::steady_clock::now();
  resample->Update();
  std::cerr << "resample_seconds " << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
            << '\n';
  auto writer = itk::ImageFileWriter<ImageType>::New();
  writer->SetInput(resample->GetOutput());
  writer->SetFileName(output);
  writer->Update();
  return 0;
}

int
Describe(const std::string & file)
{
  auto r = itk::ImageFileReader<ImageType>::New();
  r->SetFileName(file);
  r->Update();
  const auto * image = r->GetOutput();
  std::cout << std::setprecision(17) << "origin " << image->GetOrigin() << "\nspacing " << image->GetSpacing()
            << "\nsize " << image->GetLargestPossibleRegion().GetSize() << "\ndirection\n"
            << image->GetDirection();
  return 0;
}
} // namespace

int
main(int argc, char * argv[])
{
  if (argc < 3)
  {
    std::cerr << "usage: spaces_reference write-transforms|points|apply|describe ...\n";
    return 2;
  }
  const std::string command = argv[1];
  // As ANTs does before reading transforms: older ANTs wrote MatrixOffsetTransformBase into .mat files.
  itk::TransformFactory<itk::MatrixOffsetTransformBase<double, Dim, Dim>>::RegisterTransform();
  try
  {
    if (command == "write-transforms")
    {
      return WriteTransforms(argv[2], argv[3]);
    }
    if (command == "points")
    {
      return MapPoints(argc, argv);
    }
    if (command == "apply")
    {
      return Apply(argc, argv);
    }
    if (command == "describe")
    {
      return Describe(argv[2]);
    }
  }
  catch (const std::exception & e)
  {
    std::cerr << e.what() << '\n';
    return 1;
  }
  std::cerr << "unknown command " << command << '\n';
  return 2;
}
